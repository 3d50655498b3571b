//! Posted forms: each is a serde struct (`Posted<T>` reads it), and one path,
//! `submit`, calls the service and redirects, or shows the page again with
//! what was typed (`Form`) and a message per field in the person's language.
//! A creating form's one-time token (`once`) makes a repeat of its submit
//! land on the first one's result instead of creating again.

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::{FromRequest, RawForm, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kartrekker::submissions::{Claim, SubmitToken};
use kartrekker::{Error, Kartrekker};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::context::Ctx;
use crate::error::{ErrorKind, WebError, WebResult};
use crate::pages::see_other;

/// A posted form as its struct (`#[serde(default)]`: a missing field is
/// empty). Fields it does not name, such as `csrf` (the middleware checks it),
/// are ignored; a field posted more than once must be a `Vec<String>`
/// (checkbox lists), which is why this reads with `serde_html_form`.
pub struct Posted<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Posted<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Posted<T>, Response> {
        let RawForm(body) = RawForm::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        let pairs: Vec<(String, String)> =
            serde_html_form::from_bytes(&body).map_err(|_| WebError::BadRequest.into_response())?;
        if pairs.iter().any(|(_, v)| has_control_character(v)) {
            return Err(WebError::ControlCharacter.into_response());
        }
        serde_html_form::from_bytes(&body).map(Posted).map_err(|_| WebError::BadRequest.into_response())
    }
}

/// NUL and the other control characters have no place in anything typed
/// (PostgreSQL refuses NUL outright); tab and line breaks do (a text area
/// sends CR LF, and one-line fields fold white space in their models). Checked
/// here, once for every form, before any service sees the text.
pub fn has_control_character(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The one shape of a form post: the service's `result` becomes a redirect
/// to `ok(value)`; an error the person can fix becomes the page again
/// (`again`, given what was typed with the messages) answering 422, so that
/// tools and tests can tell it from a success. Other errors pass on.
pub async fn submit<T>(
    c: &Ctx,
    typed: &impl Serialize,
    general_field: &str,
    result: kartrekker::Result<T>,
    ok: impl FnOnce(T) -> String,
    again: impl AsyncFnOnce(Form) -> WebResult,
) -> WebResult {
    match result {
        Ok(value) => Ok(see_other(&ok(value))),
        Err(e) => {
            let mut page = again(Form::of(typed).absorb(c, e, general_field)?).await?;
            *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
    }
}

/// How long a repeated submit waits for the first one to finish, and how
/// often it looks.
const ONCE_WAIT: Duration = Duration::from_secs(5);
const ONCE_POLL: Duration = Duration::from_millis(40);

/// Runs a submit that carries the one-time token `token` (docs/decisions/0008):
/// the first claims it and runs `submit`; a redirect (its success) is kept
/// for repeats, anything else (the form again with messages, a refusal, an
/// error) gives the token up so that the same form may be sent again. A
/// repeat is sent to the first one's redirect, waiting for it while it runs.
pub async fn once(
    k: &Kartrekker,
    person_id: i64,
    token: &SubmitToken,
    submit: impl Future<Output = Response>,
) -> Response {
    let waited = tokio::time::Instant::now();
    loop {
        match k.claim_submission(person_id, token).await {
            Ok(Claim::First) => break,
            Ok(Claim::Done(target)) => return see_other(&target),
            Ok(Claim::Running) if waited.elapsed() < ONCE_WAIT => tokio::time::sleep(ONCE_POLL).await,
            Ok(Claim::Running) => return WebError::Busy.into_response(),
            Err(e) => return WebError::from(e).into_response(),
        }
    }
    let res = submit.await;
    let target = match res.extensions().get::<RepeatLandsOn>() {
        Some(RepeatLandsOn(target)) => Some(target.as_str()),
        None => (res.status().is_redirection() && res.extensions().get::<ErrorKind>().is_none())
            .then(|| res.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()))
            .flatten(),
    };
    let kept = match target {
        Some(target) => k.finish_submission(person_id, token, target).await,
        None => k.release_submission(person_id, token).await,
    };
    if let Err(e) = kept {
        // The submit itself is done: answer with its result all the same.
        tracing::error!("one-time form token: {e}");
    }
    res
}

/// On the answer of a submit that succeeded with a page of its own instead
/// of a redirect (a new API token's secret, shown once and never put in an
/// address): where a repeat of it is sent.
#[derive(Clone, Debug)]
pub struct RepeatLandsOn(pub String);

#[derive(Clone, Debug, Default)]
pub struct Form {
    values: HashMap<String, String>,
    multi: HashMap<String, Vec<String>>,
    /// (field, message), in the order the fields appear.
    pub errors: Vec<(String, String)>,
}

impl Form {
    pub fn new() -> Form {
        Form::default()
    }
    /// From the posted pairs; a field that occurs several times keeps all values.
    pub fn from_pairs(pairs: &[(String, String)]) -> Form {
        let mut f = Form::default();
        for (k, v) in pairs {
            if k == "csrf" {
                continue;
            }
            f.multi.entry(k.clone()).or_default().push(v.clone());
            f.values.entry(k.clone()).or_insert_with(|| v.clone());
        }
        f
    }
    /// What was typed, from the typed form: a list field keeps all its
    /// values. Posted pairs (`Vec<(String, String)>`) work too.
    pub fn of(typed: &impl Serialize) -> Form {
        fn text(v: Value) -> String {
            match v {
                Value::String(s) => s,
                other => other.to_string(),
            }
        }
        let mut pairs = Vec::new();
        let mut push = |name: String, v: Value| match v {
            Value::Array(vs) => pairs.extend(vs.into_iter().map(|v| (name.clone(), text(v)))),
            v => pairs.push((name, text(v))),
        };
        match serde_json::to_value(typed) {
            Ok(Value::Object(fields)) => fields.into_iter().for_each(|(name, v)| push(name, v)),
            Ok(Value::Array(items)) => {
                for item in items {
                    if let Value::Array(mut kv) = item
                        && let (Some(v), Some(name)) = (kv.pop(), kv.pop())
                    {
                        push(text(name), v);
                    }
                }
            }
            _ => {}
        }
        Form::from_pairs(&pairs)
    }
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Form {
        self.values.insert(name.to_string(), value.into());
        self
    }
    pub fn with_all(mut self, name: &str, values: Vec<String>) -> Form {
        self.multi.insert(name.to_string(), values);
        self
    }
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }
    pub fn values(&self, name: &str) -> &[String] {
        self.multi.get(name).map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.values(name).iter().any(|v| v == value)
    }
    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == name).map(|(_, m)| m.as_str())
    }
    pub fn invalid(&self, name: &str) -> bool {
        self.error(name).is_some()
    }
    pub fn add_error(&mut self, field: &str, message: String) {
        self.errors.push((field.to_string(), message));
    }

    /// Turns a service error into messages on this form; other errors pass on.
    pub fn absorb(mut self, c: &Ctx, err: Error, general_field: &str) -> Result<Form, WebError> {
        match err {
            Error::Invalid(fields) => {
                for f in fields {
                    self.add_error(f.field, c.t(f.key).to_string());
                }
                Ok(self)
            }
            Error::Refused(key) => {
                self.add_error(general_field, c.t(key).to_string());
                Ok(self)
            }
            other => Err(other.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::header;
    use kartrekker::error::FieldError;
    use kartrekker::people::Language;
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize, Serialize, Default, Debug)]
    #[serde(default)]
    struct Typed {
        title: String,
        raters: Vec<String>,
    }

    fn ctx() -> Ctx {
        let (session, session_secret) = (None, None);
        let client = std::net::Ipv4Addr::LOCALHOST.into();
        Ctx { lang: Language::En, session, session_secret, csrf: "x".into(), path: "/".into(), secure: false, client }
    }

    async fn post(body: &'static str) -> Result<Typed, Response> {
        let req = Request::post("/")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        Posted::<Typed>::from_request(req, &()).await.map(|Posted(t)| t)
    }

    #[tokio::test]
    async fn a_posted_form_ignores_csrf_and_keeps_every_checked_box() {
        let t = post("csrf=abc&title=Hello+there&raters=1&raters=2&unknown=3").await.expect("reads");
        assert_eq!((t.title.as_str(), t.raters), ("Hello there", vec!["1".to_string(), "2".to_string()]));
        let empty = post("csrf=abc").await.expect("missing fields are empty");
        assert!(empty.title.is_empty() && empty.raters.is_empty());
        let twice = post("title=a&title=b").await.expect_err("a single field posted twice is refused");
        assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn the_form_shows_again_what_was_typed() {
        let f = Form::of(&Typed { title: "Hi".into(), raters: vec!["1".into(), "2".into()] });
        assert_eq!(f.value("title"), "Hi");
        assert!(f.has("raters", "1") && f.has("raters", "2") && !f.has("raters", "3"));
        let pairs = vec![("csrf".to_string(), "x".to_string()), ("due_soon".to_string(), "email".to_string())];
        let f = Form::of(&pairs);
        assert_eq!((f.value("due_soon"), f.value("csrf")), ("email", ""));
    }

    #[tokio::test]
    async fn submit_redirects_or_shows_the_page_again_with_422() {
        let (c, typed) = (ctx(), Typed { title: String::new(), raters: Vec::new() });
        async fn again(form: Form) -> WebResult {
            Ok(format!("{:?}", form.errors).into_response())
        }
        let ok = submit(&c, &typed, "title", Ok(7), |id| format!("/x/{id}"), again).await.expect("redirect");
        assert_eq!((ok.status(), ok.headers()[header::LOCATION].to_str().ok()), (StatusCode::SEE_OTHER, Some("/x/7")));

        let invalid = Err(Error::Invalid(vec![FieldError { field: "title", key: "error-title-required" }]));
        let page = submit(&c, &typed, "title", invalid, |()| String::new(), again).await.expect("page again");
        assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = axum::body::to_bytes(page.into_body(), 1024).await.expect("body");
        assert_eq!(body, r#"[("title", "Describe the action.")]"#);

        let refused = Err(Error::Refused("error-import-no-file"));
        let page = submit(&c, &typed, "raters", refused, |()| String::new(), again).await.expect("page again");
        let body = axum::body::to_bytes(page.into_body(), 1024).await.expect("body");
        assert_eq!(body, r#"[("raters", "Choose a CSV or Excel file.")]"#);

        let other = submit(&c, &typed, "title", Err::<(), _>(Error::NotFound), |()| String::new(), again).await;
        assert!(matches!(other, Err(WebError::NotFound)));
    }
}
