//! The administrator's page of API tokens: make one (its secret shown once),
//! see when each was last used, revoke one.

use askama::Template;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use axum::{Router, response::IntoResponse};
use kartrekker::api::{ApiToken, Scope};
use kartrekker::dates::Date;
use serde::{Deserialize, Serialize};

use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, RepeatLandsOn, submit};
use crate::pages::render;
use crate::state::AppState;

pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route("/admin/api-tokens", get(tokens).post(create_token))
        .route("/admin/api-tokens/{id}/revoke", post(revoke_token))
}

/// A token as a row of the list.
struct TokenRow {
    id: i64,
    name: String,
    scopes: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "admin/api_tokens.html")]
struct Tokens<'a> {
    c: &'a Ctx,
    /// The repeat of a create: which token the first one made.
    notice: Option<String>,
    tokens: Vec<TokenRow>,
    scopes: Vec<&'static str>,
    /// The new token's secret, shown this once.
    secret: Option<String>,
    form: Form,
}

async fn tokens_page(s: &AppState, c: &Ctx, form: Form, secret: Option<String>, made: Option<i64>) -> WebResult {
    let tokens = s.k.api_tokens(c.require()?).await?;
    let notice = made
        .and_then(|id| tokens.iter().find(|t| t.id == id))
        .map(|t| c.ta("api-token-made-by-first", "name", t.name.clone()));
    let tokens = tokens
        .into_iter()
        .map(|t: ApiToken| TokenRow {
            id: t.id,
            name: t.name,
            scopes: Scope::join(&t.scopes),
            created: Date::moment_nl(t.created_at),
            last_used: t.last_used_at.map(Date::moment_nl).unwrap_or_else(|| c.t("api-never-used").to_string()),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let scopes = Scope::ALL.iter().map(|s| s.code()).collect();
    Ok(render(&Tokens { c, notice, tokens, scopes, secret, form }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Made {
    made: Option<i64>,
}

async fn tokens(s: AppState, c: Ctx, Query(q): Query<Made>) -> WebResult {
    tokens_page(&s, &c, Form::new(), None, q.made).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct TokenForm {
    name: String,
    scopes: Vec<String>,
}

/// A new token: the list again with its secret, shown once (never in a
/// redirect's address, where logs would keep it). A repeat of the submit
/// (its one-time token) lands on the list, saying which token the first made.
async fn create_token(s: AppState, c: Ctx, Posted(f): Posted<TokenForm>) -> WebResult {
    match s.k.create_api_token(c.require()?, &f.name, &f.scopes).await {
        Ok((id, secret)) => {
            let page = tokens_page(&s, &c, Form::new(), Some(secret), None).await?;
            Ok((axum::Extension(RepeatLandsOn(format!("/admin/api-tokens?made={id}"))), page).into_response())
        }
        Err(e) => {
            submit(
                &c,
                &f,
                "name",
                Err::<(), _>(e),
                |_| String::new(),
                async |form| tokens_page(&s, &c, form, None, None).await,
            )
            .await
        }
    }
}

async fn revoke_token(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.revoke_api_token(c.require()?, id).await?;
    Ok(crate::pages::see_other("/admin/api-tokens"))
}
