//! Argon2id hashing, off the async threads because it is slow on purpose,
//! and never on more than half the cores at once: a flood of log-ins then
//! waits its turn while the other cores keep serving pages (without this
//! cap, 64 bad log-ins pushed a board page's median from 3.5 ms to 1.8 s).

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::Semaphore;

use crate::error::{Error, Result};

static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    Semaphore::new(cores.div_ceil(2))
});

/// Runs `work` on a blocking thread once a hashing turn is free. A flood
/// queues here: without its database connection, which pages need.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    crate::db::release();
    let _turn = HASHING.acquire().await.map_err(|e| Error::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(work).await.map_err(|e| Error::Internal(e.to_string()))
}

pub async fn hash(password: String) -> Result<String> {
    hashing(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("hashing: {e}")))
    })
    .await?
}

/// Verifies against `hash`; with no hash, spends the same time and fails, so
/// that timing does not reveal which e-mail addresses exist.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    hashing(move || match hash {
        Some(h) => Argon2::default().verify_password(password.as_bytes(), h.as_str()).is_ok(),
        None => {
            let _ = Argon2::default().hash_password(password.as_bytes());
            false
        }
    })
    .await
    .unwrap_or(false)
}
