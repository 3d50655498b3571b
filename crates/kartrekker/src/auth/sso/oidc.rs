//! The protocol, through `openidconnect`: discovery, the authorization
//! request with PKCE, the code exchange and the ID token's checks. HTTP goes
//! through one reqwest client of the process (rustls on ring, the system's
//! roots: a hospital's own CA is trusted), never following redirects.

use std::sync::OnceLock;

use base64::Engine;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, HttpClientError, HttpRequest,
    HttpResponse, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    TokenResponse,
};
use serde_json::Value;

use super::model::{SsoRefusal, SsoSettings};

/// How long a request to the provider may take.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Makes ring (as sqlx and lettre use) rustls's provider for the process:
/// reqwest, built without one of its own, takes it. Once is enough; a
/// second time changes nothing.
pub fn use_ring_for_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn http() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        use_ring_for_tls();
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .build()
            .expect("the HTTP client for single sign-on")
    })
}

/// `openidconnect`'s requests, sent by our reqwest.
async fn send(request: HttpRequest) -> Result<HttpResponse, HttpClientError<reqwest::Error>> {
    let request = reqwest::Request::try_from(request).map_err(Box::new)?;
    let response = http().execute(request).await.map_err(Box::new)?;
    let mut builder = openidconnect::http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    builder.body(response.bytes().await.map_err(Box::new)?.to_vec()).map_err(HttpClientError::Http)
}

/// The provider's client for the organisation, from its discovery document
/// (fetched each log-in: a rotated key or moved endpoint is seen at once).
async fn client(
    s: &SsoSettings,
    secret: &str,
    redirect: &str,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    SsoRefusal,
> {
    let issuer = IssuerUrl::new(s.issuer.clone()).map_err(|_| SsoRefusal::Unavailable)?;
    let metadata = CoreProviderMetadata::discover_async(issuer, &send).await.map_err(|e| {
        tracing::warn!(org = s.org_id, error = %e, "OpenID Connect discovery failed");
        SsoRefusal::Unavailable
    })?;
    let redirect = RedirectUrl::new(redirect.to_string()).map_err(|_| SsoRefusal::Unavailable)?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(s.client_id.clone()),
        Some(ClientSecret::new(secret.to_string())),
    )
    .set_redirect_uri(redirect))
}

/// A log-in to send the browser to: the provider's URL, and the state,
/// nonce and PKCE verifier to keep until it comes back.
pub struct Started {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

pub async fn start(s: &SsoSettings, secret: &str, redirect: &str) -> Result<Started, SsoRefusal> {
    let client = client(s, secret, redirect).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    Ok(Started {
        url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
    })
}

/// The ID token's claims, once the code is exchanged (with the PKCE
/// verifier) and the token checked: signature against the provider's JWKS,
/// issuer, audience, expiry (at `now_ms`, Kartrekker's clock) and nonce.
pub async fn finish(
    s: &SsoSettings,
    secret: &str,
    redirect: &str,
    code: &str,
    verifier: &str,
    nonce: &str,
    now_ms: i64,
) -> Result<serde_json::Map<String, Value>, SsoRefusal> {
    let client = client(s, secret, redirect).await?;
    let request =
        client.exchange_code(AuthorizationCode::new(code.to_string())).map_err(|_| SsoRefusal::Unavailable)?;
    let response =
        request.set_pkce_verifier(PkceCodeVerifier::new(verifier.to_string())).request_async(&send).await.map_err(
            |e| match e {
                // invalid_grant and its kin: the provider's own refusal of this code.
                RequestTokenError::ServerResponse(_) => SsoRefusal::Code,
                e => {
                    tracing::warn!(org = s.org_id, error = %e, "OpenID Connect token request failed");
                    SsoRefusal::Unavailable
                }
            },
        )?;
    let token = response.id_token().ok_or(SsoRefusal::Token)?;
    let now = chrono::DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
    let verifier = client.id_token_verifier().set_time_fn(move || now);
    token.claims(&verifier, &Nonce::new(nonce.to_string())).map_err(|e| match e {
        ClaimsVerificationError::Expired(_) => SsoRefusal::Expired,
        ClaimsVerificationError::InvalidAudience(_) => SsoRefusal::Audience,
        e => {
            tracing::info!(org = s.org_id, error = %e, "ID token refused");
            SsoRefusal::Token
        }
    })?;
    // Checked above; read again whole, for the configured claim (which may be
    // one the standard claims do not name, e.g. `upn`).
    let compact = token.to_string();
    let payload = compact.split('.').nth(1).ok_or(SsoRefusal::Token)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).map_err(|_| SsoRefusal::Token)?;
    serde_json::from_slice(&bytes).map_err(|_| SsoRefusal::Token)
}
