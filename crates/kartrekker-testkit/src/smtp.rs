//! A small SMTP server on loopback that keeps what it receives.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One e-mail as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    pub to: Vec<String>,
    /// The message as sent (headers and MIME body).
    pub data: String,
}

impl ReceivedMail {
    /// The first link in the message that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let text = self.data.replace("=\r\n", "").replace("=3D", "=");
        let start = text.find(prefix)?;
        let end =
            text[start..].find(|c: char| c.is_whitespace() || c == '"' || c == '<').map_or(text.len(), |e| start + e);
        Some(text[start..end].to_string())
    }
}

/// A small SMTP server on loopback that accepts everything and keeps it.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let port = listener.local_addr().expect("smtp addr").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let _ = session(stream, store).await;
                });
            }
        });
        SmtpSink { port, received }
    }
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().expect("smtp lock").clone()
    }
    pub fn to(&self, address: &str) -> Vec<ReceivedMail> {
        self.received().into_iter().filter(|m| m.to.iter().any(|t| t == address)).collect()
    }
}

async fn session(stream: tokio::net::TcpStream, store: Arc<Mutex<Vec<ReceivedMail>>>) -> std::io::Result<()> {
    let (r, mut w) = stream.into_split();
    let mut lines = BufReader::new(r);
    w.write_all(b"220 localhost ESMTP test sink\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            w.write_all(b"250-localhost\r\n250 8BITMIME\r\n").await?;
        } else if upper.starts_with("RCPT TO:") {
            let addr = line[8..].trim().trim_start_matches('<').trim_end_matches('>').to_string();
            to.push(addr);
            w.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("DATA") {
            w.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
            }
            store.lock().expect("smtp lock").push(ReceivedMail { to: std::mem::take(&mut to), data });
            w.write_all(b"250 OK queued\r\n").await?;
        } else if upper.starts_with("QUIT") {
            w.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            // MAIL FROM, RSET, NOOP and the rest.
            w.write_all(b"250 OK\r\n").await?;
        }
    }
}
