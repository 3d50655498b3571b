//! Sending e-mail. Behind a trait so that tests can look inside, while the
//! real one speaks SMTP (and tests run that one against a loopback server).

pub mod messages;

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::SmtpConfig;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<Attachment>,
}

/// A file sent along, e.g. a session's .ics (`text/calendar`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
#[error("mail: {0}")]
pub struct MailError(pub String);

pub type MailFuture<'a> = Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

pub trait Mailer: Send + Sync {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a>;
}

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    pub fn new(cfg: &SmtpConfig) -> Result<SmtpMailer, MailError> {
        let err = |e: lettre::transport::smtp::Error| MailError(e.to_string());
        let mut builder = match cfg.security.as_str() {
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host).map_err(err)?,
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host).map_err(err)?,
            _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host),
        }
        .port(cfg.port)
        .timeout(Some(std::time::Duration::from_secs(20)));
        if let (Some(u), Some(p)) = (&cfg.username, &cfg.password) {
            builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
        }
        let from = cfg.from.parse().map_err(|e: lettre::address::AddressError| MailError(e.to_string()))?;
        Ok(SmtpMailer { transport: builder.build(), from })
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a> {
        Box::pin(async move {
            let to: Mailbox = email.to.parse().map_err(|e: lettre::address::AddressError| MailError(e.to_string()))?;
            let body = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
            // With files: multipart/mixed, the text and HTML first, then each file.
            let body = email.attachments.iter().try_fold(
                if email.attachments.is_empty() { body } else { MultiPart::mixed().multipart(body) },
                |mixed, a| {
                    let kind = ContentType::parse(&a.content_type).map_err(|e| MailError(e.to_string()))?;
                    Ok::<_, MailError>(
                        mixed.singlepart(lettre::message::Attachment::new(a.name.clone()).body(a.body.clone(), kind)),
                    )
                },
            )?;
            let msg = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(email.subject.clone())
                .multipart(body)
                .map_err(|e| MailError(e.to_string()))?;
            self.transport.send(msg).await.map_err(|e| MailError(e.to_string()))?;
            Ok(())
        })
    }
}

/// Keeps mail in memory; for unit tests of the core that need no network.
#[derive(Default)]
pub struct MemoryMailer(pub Mutex<Vec<Email>>);

impl Mailer for MemoryMailer {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a> {
        self.0.lock().expect("mail lock").push(email.clone());
        Box::pin(async { Ok(()) })
    }
}

/// Writes mail to the log instead of sending it: for `kartrekker demo`,
/// where there is no mail server.
pub struct LogMailer;

impl Mailer for LogMailer {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a> {
        println!("--- e-mail to {} ---\nSubject: {}\n\n{}", email.to, email.subject, email.text);
        for a in &email.attachments {
            println!("[{} ({})]", a.name, a.content_type);
        }
        println!("---");
        Box::pin(async { Ok(()) })
    }
}

impl crate::Kartrekker {
    /// Sends `email` and counts it for `/metrics` under `kind` (a notice
    /// kind's code, "digest", "invitation", ...).
    pub(crate) async fn send_mail(&self, kind: &'static str, email: &Email) -> crate::Result<()> {
        self.mailer.send(email).await.map_err(|e| crate::Error::Internal(e.to_string()))?;
        self.metrics.email_sent(kind);
        Ok(())
    }
}
