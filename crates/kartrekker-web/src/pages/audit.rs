//! The audit trail for the organisation's administrators (filters, pages,
//! CSV), a person's "who viewed my data", and the download of their own
//! data. Nothing here changes or deletes an entry.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::routing::{get, post};
use kartrekker::audit::service::AuditPage;
use kartrekker::audit::{AuditFilter, AuditKind, AuditRow};
use kartrekker::dates::Date;
use kartrekker::spreadsheet::FileType;
use serde::{Deserialize, Serialize};

use super::{download, render, render_status, table_download};
use crate::context::{Ctx, url_escape};
use crate::error::{WebError, WebResult};
use crate::forms::Form;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/audit", get(log))
        .route("/admin/audit.csv", get(async |s, c, q| log_export(s, c, q, FileType::Csv).await))
        .route("/admin/audit.xlsx", get(async |s, c, q| log_export(s, c, q, FileType::Xlsx).await))
        .route("/settings/views", get(views))
        .route("/settings/data", post(my_data))
}

/// The filters as typed; `page` counts from 1.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AuditQuery {
    person: String,
    kind: String,
    from: String,
    until: String,
    #[serde(skip_serializing)]
    page: String,
}

impl AuditQuery {
    fn filter(&self) -> kartrekker::Result<AuditFilter> {
        AuditFilter::parse(&self.person, &self.kind, &self.from, &self.until)
    }
    fn page(&self) -> i64 {
        self.page.trim().parse::<i64>().unwrap_or(1).max(1)
    }
    /// The filters as a query string, for the pager and the CSV link.
    fn query(&self) -> String {
        let pairs = [("person", &self.person), ("kind", &self.kind), ("from", &self.from), ("until", &self.until)];
        pairs.iter().map(|(k, v)| format!("{k}={}", url_escape(v.trim()))).collect::<Vec<_>>().join("&")
    }
}

/// One entry as a row of the table.
pub struct RowView {
    when: String,
    who: String,
    action: String,
    subject: String,
    about: String,
    address: String,
}

fn row_view(c: &Ctx, r: AuditRow) -> RowView {
    RowView {
        when: Date::moment_nl(r.at),
        who: r.actor_name.unwrap_or_else(|| c.t("audit-nobody").to_string()),
        action: c.t(&format!("audit-action-{}", r.action.code())).to_string(),
        subject: r.subject,
        about: r.subject_name.unwrap_or_default(),
        address: r.address.unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "audit/log.html")]
struct Log<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    form: Form,
    people: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
    rows: Vec<RowView>,
    prev: Option<String>,
    next: Option<String>,
    csv: String,
    xlsx: String,
}

pub async fn log(s: AppState, c: Ctx, Query(q): Query<AuditQuery>) -> WebResult {
    let a = c.require()?;
    let mut people = vec![(String::new(), c.t("audit-everyone").to_string())];
    people.extend(s.k.people(a).await?.into_iter().map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.email))));
    let mut kinds = vec![(String::new(), c.t("audit-every-kind").to_string())];
    kinds
        .extend(AuditKind::ALL.iter().map(|k| (k.code().to_string(), c.t(&format!("audit-kind-{}", k.code())).into())));
    let page = q.page();
    let (form, result, status) = match q.filter() {
        Ok(f) => (Form::of(&q), s.k.audit_log(a, &f, page - 1).await?, StatusCode::OK),
        Err(e) => {
            let empty = AuditPage { rows: Vec::new(), more: false };
            (Form::of(&q).absorb(&c, e, "person")?, empty, StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    let query = q.query();
    let link = |p: i64| format!("/admin/audit?{query}&page={p}");
    let page_view = Log {
        c: &c,
        notice: None,
        form,
        people,
        kinds,
        rows: result.rows.into_iter().map(|r| row_view(&c, r)).collect(),
        prev: (page > 1).then(|| link(page - 1)),
        next: result.more.then(|| link(page + 1)),
        csv: format!("/admin/audit.csv?{query}"),
        xlsx: format!("/admin/audit.xlsx?{query}"),
    };
    Ok(render_status(status, &page_view))
}

pub async fn log_export(s: AppState, c: Ctx, Query(q): Query<AuditQuery>, kind: FileType) -> WebResult {
    let a = c.require()?;
    let f = q.filter().map_err(|_| WebError::BadRequest)?;
    let table = s.k.audit_log_export(a, &f, &|k| c.t(k).to_string()).await?;
    Ok(table_download(&format!("audit-{}", s.k.today()), kind, &table, "Audit"))
}

#[derive(Template)]
#[template(path = "audit/views.html")]
struct Views<'a> {
    c: &'a Ctx,
    rows: Vec<RowView>,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    page: String,
}

pub async fn views(s: AppState, c: Ctx, Query(q): Query<PageQuery>) -> WebResult {
    let a = c.require()?;
    let page = q.page.trim().parse::<i64>().unwrap_or(1).max(1);
    let result = s.k.views_of_my_data(a, page - 1).await?;
    let link = |p: i64| format!("/settings/views?page={p}");
    Ok(render(&Views {
        c: &c,
        rows: result.rows.into_iter().map(|r| row_view(&c, r)).collect(),
        prev: (page > 1).then(|| link(page - 1)),
        next: result.more.then(|| link(page + 1)),
    }))
}

/// The person's own data as a ZIP (a form post: the download is recorded).
pub async fn my_data(s: AppState, c: Ctx) -> WebResult {
    let a = c.require()?;
    let zip = s.k.personal_data_zip(a).await?;
    Ok(download("application/zip", &format!("kartrekker-mijn-gegevens-{}.zip", s.k.today()), zip))
}
