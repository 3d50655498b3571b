use askama::Template;
use axum::response::Response;

use super::render_status;
use crate::context::Ctx;
use crate::error::ErrorKind;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    c: &'a Ctx,
    title: String,
    text: String,
}

pub fn error_page(c: &Ctx, kind: ErrorKind) -> Response {
    let page = ErrorPage {
        c,
        title: c.t(&format!("{}-title", kind.key())).to_string(),
        text: c.t(&format!("{}-text", kind.key())).to_string(),
    };
    render_status(kind.status(), &page)
}

/// An address that names no page: not a refusal, so not audited.
pub async fn not_found() -> Response {
    ErrorKind::NotFound.response()
}
