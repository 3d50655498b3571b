//! Per-request context: who is asking (from the session cookie), in which
//! language, and the CSRF token. The middleware here also checks CSRF on
//! every request that changes something, runs a form that carries a
//! one-time token once (`forms::once`), and renders error pages in the
//! person's language. `security_headers` adds the security headers to every
//! response, probes and static files included.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Multipart, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kartrekker::auth::{Actor, SessionInfo, token};
use kartrekker::people::Language;
use kartrekker::submissions::SubmitToken;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{ErrorKind, Refusal, WebError};
use crate::pages::errors::error_page;
use crate::state::AppState;
use crate::{forms, i18n};

pub const SESSION_COOKIE: &str = "kt_session";
pub const CSRF_COOKIE: &str = "kt_csrf";
pub const LANG_COOKIE: &str = "kt_lang";
/// Form posts larger than this are refused before they are read.
pub const FORM_LIMIT: usize = 256 * 1024;
/// A file upload (multipart) is read up to this size for its CSRF field.
pub const UPLOAD_LIMIT: usize = crate::pages::admin::IMPORT_LIMIT + 64 * 1024;

#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Language,
    pub session: Option<SessionInfo>,
    /// The session's secret from the cookie, for log-out.
    pub session_secret: Option<String>,
    pub csrf: String,
    /// Path and query of this request, to come back to after a language switch or log-in.
    pub path: String,
    pub secure: bool,
    /// Where the request comes from (`client_address`): what log-in throttling
    /// counts and the audit trail records.
    pub client: IpAddr,
}

impl Ctx {
    pub fn t(&self, key: &str) -> &'static str {
        i18n::t(self.lang, key)
    }
    pub fn ta(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        i18n::t_args(self.lang, key, &[(name, value.to_string())])
    }
    pub fn ta2(&self, key: &str, a: &'static str, av: impl ToString, b: &'static str, bv: impl ToString) -> String {
        i18n::t_args(self.lang, key, &[(a, av.to_string()), (b, bv.to_string())])
    }
    /// A fresh one-time token for a creating form (macros.html `once`):
    /// random, nothing written until the form is sent.
    pub fn once(&self) -> SubmitToken {
        SubmitToken::new()
    }
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
    pub fn actor(&self) -> Option<&Actor> {
        self.session.as_ref().map(|s| &s.actor)
    }
    /// The actor, or a redirect to the log-in page that comes back here.
    pub fn require(&self) -> Result<&Actor, WebError> {
        self.actor().ok_or_else(|| WebError::Login(self.path.clone()))
    }
    pub fn user_name(&self) -> Option<&str> {
        self.actor().map(|a| a.person.name.as_str())
    }
    pub fn is_org_admin(&self) -> bool {
        self.actor().is_some_and(Actor::is_org_admin)
    }
    pub fn is_instance_admin(&self) -> bool {
        self.actor().is_some_and(Actor::is_instance_admin)
    }
    /// The current organisation's name when the account belongs to more
    /// than one: the header then offers the switcher.
    pub fn switchable_organisation(&self) -> Option<&str> {
        self.actor().filter(|a| a.memberships > 1).and_then(|a| a.organisation.as_deref())
    }
    pub fn is_program_leader(&self) -> bool {
        self.actor().is_some_and(|a| a.has(kartrekker::organisations::OrgRole::ProgramLeader))
    }
    /// HR and the board: the workforce business case (pages/workforce.rs).
    pub fn builds_business_cases(&self) -> bool {
        use kartrekker::organisations::OrgRole;
        self.actor().is_some_and(|a| a.has(OrgRole::Hr) || a.has(OrgRole::Board))
    }
    /// portfolio: holds a team role (a resident keeps a portfolio, an opleider sees theirs).
    pub fn has_team_role(&self, role: kartrekker::organisations::TeamRole) -> bool {
        self.actor().is_some_and(|a| a.team_roles.iter().any(|(_, r)| *r == role))
    }
    /// "page" when `href` is the current page, for aria-current.
    pub fn current(&self, href: &str) -> &'static str {
        let path = self.path.split('?').next().unwrap_or("");
        if path == href || (href != "/" && path.starts_with(&format!("{href}/"))) { "page" } else { "false" }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Ctx, WebError> {
        parts.extensions.get::<Ctx>().cloned().ok_or(WebError::Internal("context middleware missing".into()))
    }
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub fn set_cookie(name: &str, value: &str, max_age_s: Option<i64>, same_site: &str, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age_s {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie value is ASCII")
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The client's address: the connection's peer, or, when that peer is one of
/// our `trusted_proxies`, the last address in `X-Forwarded-For` that is not
/// one of them (proxies append; what the client wrote itself comes first and
/// is not believed).
pub fn client_address(parts: &Parts, trusted_proxies: &[IpAddr]) -> IpAddr {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(a)| a.ip().to_canonical());
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    let forwarded = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|a| a.trim().parse::<IpAddr>().map(|a| a.to_canonical()))
        .collect::<Vec<_>>();
    let mut hop = peer;
    for a in forwarded.into_iter().rev() {
        match a {
            Ok(a) if trusted_proxies.contains(&a) => hop = a,
            Ok(a) => return a,
            // Garbage from beyond our proxies: the last hop we can vouch for.
            Err(_) => return hop,
        }
    }
    hop
}

fn language(state: &AppState, headers: &HeaderMap, session: Option<&SessionInfo>) -> Language {
    session
        .and_then(|s| s.actor.person.language)
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Language::parse))
        .or_else(|| {
            headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(i18n::from_accept_language)
        })
        .unwrap_or(state.k.config.default_language)
}

pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // The session lookup and every service of the page read through one connection.
    // Boxed: the page's future is many kilobytes, and each wrapper around it
    // (two scopes, axum's own box) would otherwise copy it whole.
    kartrekker::db::scoped(Box::pin(context(state, req, next))).await
}

async fn context(state: AppState, req: Request, next: Next) -> Response {
    let secure = state.k.config.secure_cookies();
    let (mut parts, body) = req.into_parts();
    let session_secret = cookie(&parts.headers, SESSION_COOKIE).map(str::to_string);
    let client = client_address(&parts, &state.k.config.server.trusted_proxies);
    let mut session = match &session_secret {
        Some(s) => match state.k.session(s).await {
            Ok(s) => s,
            Err(e) => {
                tracing::error!("session lookup: {e}");
                return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response();
            }
        },
        None => None,
    };
    if let Some(s) = &mut session {
        s.actor.address = Some(client);
    }
    let anon_csrf = cookie(&parts.headers, CSRF_COOKIE).filter(|c| c.len() == 64).map(str::to_string);
    let new_csrf_cookie = session.is_none() && anon_csrf.is_none();
    let csrf = match (&session, anon_csrf) {
        (Some(s), _) => s.csrf.clone(),
        (None, Some(c)) => c,
        (None, None) => token::new_secret(),
    };
    let lang = language(&state, &parts.headers, session.as_ref());
    let path = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
    let ctx = Ctx { lang, session, session_secret, csrf: csrf.clone(), path, secure, client };

    let mut body = body;
    let mut once = None;
    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method {
        let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let is_form = content_type.starts_with("application/x-www-form-urlencoded");
        // Never from the query: a token in a URL ends up in logs and Referer headers.
        let mut sent = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_string);
        if sent.is_none() && content_type.starts_with("multipart/form-data") {
            let bytes = match to_bytes(body, UPLOAD_LIMIT).await {
                Ok(b) => b,
                Err(_) => return render_error(&ctx, ErrorKind::TooLarge),
            };
            sent = multipart_field(content_type, bytes.clone(), "csrf").await;
            body = Body::from(bytes);
        }
        // A form is read here for its CSRF token (unless a header has it)
        // and, from someone logged in, its one-time token.
        if is_form && (sent.is_none() || ctx.session.is_some()) {
            let bytes = match to_bytes(body, FORM_LIMIT).await {
                Ok(b) => b,
                Err(_) => return render_error(&ctx, ErrorKind::TooLarge),
            };
            if sent.is_none() {
                sent = form_field(&bytes, "csrf");
            }
            once = form_field(&bytes, "once").as_deref().and_then(SubmitToken::parse);
            body = Body::from(bytes);
        }
        let ok = sent.is_some_and(|s| token::constant_eq(&s, &csrf)) && !new_csrf_cookie;
        if !ok {
            audit_refusal(&state, &ctx, &parts.method, StatusCode::FORBIDDEN).await;
            return render_error(&ctx, ErrorKind::Csrf);
        }
    }
    // An administrator without two-step log-in sets it up before anything else (0027).
    if let Some(actor) = ctx.actor()
        && state.k.two_step_required(actor)
        && !crate::pages::two_step::open_before_set_up(&ctx.path)
    {
        return crate::pages::see_other(crate::pages::two_step::SET_UP);
    }
    parts.extensions.insert(ctx.clone());
    let get = matches!(parts.method, Method::GET | Method::HEAD);
    let method = parts.method.clone();
    let req = Request::from_parts(parts, body);
    let mut res = match (ctx.actor(), once) {
        (Some(actor), Some(token)) => forms::once(&state.k, actor.id(), &token, next.run(req)).await,
        _ => next.run(req).await,
    };
    if res.extensions().get::<Refusal>().is_some() {
        audit_refusal(&state, &ctx, &method, res.status()).await;
    }
    if let Some(kind) = res.extensions().get::<ErrorKind>().or(rejected(&res, get).as_ref()).copied() {
        res = render_error(&ctx, kind);
    }
    if new_csrf_cookie {
        res.headers_mut().append(header::SET_COOKIE, set_cookie(CSRF_COOKIE, &csrf, None, "Strict", secure));
    }
    res
}

/// A logged-in person's request refused by a permission or CSRF check goes
/// to the audit trail (ASVS 7.2.2): method, path and status, never the query.
async fn audit_refusal(state: &AppState, ctx: &Ctx, method: &Method, status: StatusCode) {
    let Some(actor) = ctx.actor() else { return };
    let path = ctx.path.split('?').next().unwrap_or_default();
    if let Err(e) = state.k.access_refused(actor, &format!("{method} {path} → {}", status.as_u16())).await {
        tracing::error!("audit of a refusal: {e}");
    }
}

/// The text of the field `name` of a multipart body.
async fn multipart_field(content_type: &str, body: axum::body::Bytes, name: &str) -> Option<String> {
    let req = Request::builder().header(header::CONTENT_TYPE, content_type).body(Body::from(body)).ok()?;
    let mut mp = Multipart::from_request(req, &()).await.ok()?;
    while let Ok(Some(field)) = mp.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

/// An extractor's own rejection (axum answers a malformed path or query in
/// plain English text) gets our page in the person's language: an address
/// that names nothing, such as `/actions/abc`, is not found; a malformed post
/// is a bad request; too large stays too large.
fn rejected(res: &Response, get: bool) -> Option<ErrorKind> {
    let plain = res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    match res.status() {
        _ if !plain => None,
        StatusCode::PAYLOAD_TOO_LARGE => Some(ErrorKind::TooLarge),
        s if s.is_client_error() => Some(if get { ErrorKind::NotFound } else { ErrorKind::BadRequest }),
        _ => None,
    }
}

fn render_error(ctx: &Ctx, kind: ErrorKind) -> Response {
    if let ErrorKind::Login = kind {
        let next = url_escape(&ctx.path);
        return (StatusCode::SEE_OTHER, [(header::LOCATION, format!("/login?next={next}"))]).into_response();
    }
    error_page(ctx, kind)
}

/// Everything but RFC 3986's unreserved characters and `/` is escaped (0004).
const URL_SAFE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/');

/// A path or a query value, percent-encoded for a link or `?next=`.
pub fn url_escape(s: &str) -> String {
    utf8_percent_encode(s, URL_SAFE).to_string()
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// On every response, whichever route answered (also `/healthz`, `/readyz`,
/// static files and error pages).
pub async fn security_headers(State(state): State<AppState>, mut res: Response) -> Response {
    let h = res.headers_mut();
    let secure = state.k.config.secure_cookies();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if secure {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pages carry personal data: not in shared caches, not in the back-forward history of a shared PC.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// A safe place to go back to (`next=`, `back=`): a path on this site, never
/// another. Browsers drop tabs and newlines from a `Location` and read `\\` as
/// `/`, so `/\t/host` and `/\\host` would go to `//host`, another site. Only
/// printable ASCII without a backslash passes (a link's own escapes stay);
/// decoded, it must still hold no control character or backslash and not
/// start with `//`. Anything else goes home.
pub fn local_path(p: &str) -> String {
    fn rooted(p: &str) -> bool {
        p.starts_with('/') && !p[1..].starts_with(['/', '\\']) && !p.contains('\\')
    }
    let decoded = percent_encoding::percent_decode_str(p).decode_utf8_lossy();
    let plain = p.bytes().all(|b| b.is_ascii_graphic()) && !decoded.chars().any(char::is_control);
    if plain && rooted(p) && rooted(&decoded) { p.to_string() } else { "/".to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_proxy_forwards_for_it() {
        let at = |peer: [u8; 4], forwarded: &str, trusted: &[IpAddr]| {
            let mut req = axum::http::Request::new(());
            req.extensions_mut().insert(ConnectInfo(SocketAddr::from((peer, 4000))));
            if !forwarded.is_empty() {
                req.headers_mut().insert("x-forwarded-for", forwarded.parse().unwrap());
            }
            client_address(&req.into_parts().0, trusted).to_string()
        };
        let proxy: IpAddr = [10, 0, 0, 2].into();
        assert_eq!(
            at([203, 0, 113, 9], "1.2.3.4", &[]),
            "203.0.113.9",
            "a forged header from outside counts for nothing"
        );
        assert_eq!(at([203, 0, 113, 9], "1.2.3.4", &[proxy]), "203.0.113.9", "nor from an untrusted peer");
        assert_eq!(at([10, 0, 0, 2], "1.2.3.4, 198.51.100.7", &[proxy]), "198.51.100.7", "the proxy's own entry");
        assert_eq!(at([10, 0, 0, 2], "198.51.100.7, 10.0.0.2", &[proxy]), "198.51.100.7", "past trusted hops");
        assert_eq!(at([10, 0, 0, 2], "", &[proxy]), "10.0.0.2");
        assert_eq!(at([10, 0, 0, 2], "rommel", &[proxy]), "10.0.0.2");
    }

    #[test]
    fn next_goes_only_to_a_path_on_this_site() {
        for elsewhere in
            ["//host", "/\\host", "/\t/host", "/%09/host", "/%5Chost", "/%2F/host", "https://x", "http:/x", ""]
        {
            assert_eq!(local_path(elsewhere), "/", "{elsewhere:?}");
        }
        for here in ["/ok?x=1", "/", "/teams/1/actions?status=open&q=Zo%C3%AB", "/a%20b"] {
            assert_eq!(local_path(here), here);
        }
    }

    #[test]
    fn url_escape_keeps_paths_and_escapes_the_rest_in_upper_case() {
        assert_eq!(url_escape("/teams/1/actions"), "/teams/1/actions");
        assert_eq!(url_escape("/a b?c=d&e#f"), "/a%20b%3Fc%3Dd%26e%23f");
        assert_eq!(url_escape("Zoë-_.~+%"), "Zo%C3%AB-_.~%2B%25");
    }
}
