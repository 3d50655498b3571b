//! The web layer's one error type. It becomes a marker on the response; the
//! context middleware renders the page in the person's language.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    Forbidden,
    Csrf,
    TooLarge,
    BadRequest,
    Internal,
    Login,
    /// The same form is still being handled (a repeat that waited in vain).
    Busy,
    /// A form field holds a control character (NUL and friends).
    ControlCharacter,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::NotFound,
        ErrorKind::Forbidden,
        ErrorKind::Csrf,
        ErrorKind::TooLarge,
        ErrorKind::BadRequest,
        ErrorKind::Internal,
        ErrorKind::Login,
        ErrorKind::Busy,
        ErrorKind::ControlCharacter,
    ];
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Forbidden | ErrorKind::Csrf => StatusCode::FORBIDDEN,
            ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::Login => StatusCode::SEE_OTHER,
            ErrorKind::Busy => StatusCode::CONFLICT,
            ErrorKind::ControlCharacter => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
    /// Fluent key prefix of the page's title and text.
    pub fn key(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "error-page-not-found",
            ErrorKind::Forbidden => "error-page-forbidden",
            ErrorKind::Csrf => "error-page-csrf",
            ErrorKind::TooLarge => "error-page-too-large",
            ErrorKind::BadRequest => "error-page-bad-request",
            ErrorKind::Internal => "error-page-internal",
            ErrorKind::Login => "error-page-login",
            ErrorKind::Busy => "error-page-busy",
            ErrorKind::ControlCharacter => "error-page-control-character",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("bad request")]
    BadRequest,
    /// Not logged in: go to the log-in page and come back to this path.
    #[error("login required for {0}")]
    Login(String),
    #[error("internal: {0}")]
    Internal(String),
    #[error("the same form is still being handled")]
    Busy,
    #[error("a control character in a form field")]
    ControlCharacter,
}

impl From<kartrekker::Error> for WebError {
    fn from(e: kartrekker::Error) -> WebError {
        use kartrekker::Error as E;
        match e {
            E::NotFound => WebError::NotFound,
            E::Forbidden => WebError::Forbidden,
            E::Invalid(_) | E::Refused(_) => WebError::BadRequest,
            E::Db(e) => WebError::Internal(e.to_string()),
            E::Internal(e) => WebError::Internal(e),
        }
    }
}

/// On a response whose 403 or 404 came from a permission check (not from an
/// address that names no page): the context middleware writes it to the
/// audit trail (ASVS 7.2.2).
#[derive(Clone, Copy, Debug)]
pub struct Refusal;

impl ErrorKind {
    pub fn response(self) -> Response {
        let mut res = self.status().into_response();
        res.extensions_mut().insert(self);
        res
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let refused = matches!(self, WebError::NotFound | WebError::Forbidden);
        let kind = match &self {
            WebError::NotFound => ErrorKind::NotFound,
            WebError::Forbidden => ErrorKind::Forbidden,
            WebError::BadRequest => ErrorKind::BadRequest,
            WebError::Login(_) => ErrorKind::Login,
            WebError::Busy => ErrorKind::Busy,
            WebError::ControlCharacter => ErrorKind::ControlCharacter,
            WebError::Internal(msg) => {
                tracing::error!("internal error: {msg}");
                ErrorKind::Internal
            }
        };
        let mut res = kind.response();
        if refused {
            res.extensions_mut().insert(Refusal);
        }
        res
    }
}

pub type WebResult<T = Response> = Result<T, WebError>;
