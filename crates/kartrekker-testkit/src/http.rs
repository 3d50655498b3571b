//! A browser-like HTTP client: cookies, CSRF from the last page, no
//! automatic redirects.

use crate::app::TestApp;
use crate::fixtures::PASSWORD;

#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    pub content_type: Option<String>,
}

impl Page {
    pub fn has(&self, text: &str) -> bool {
        self.body.contains(text)
    }
    #[track_caller]
    pub fn assert_has(&self, text: &str) {
        assert!(self.has(text), "expected {text:?} in page ({}):\n{}", self.status, self.body);
    }
    /// The value of the input named `name`, as the page shows it.
    pub fn input_value(&self, name: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{name}\""))?;
        let tag_start = self.body[..at].rfind('<')?;
        let tag_end = at + self.body[at..].find('>')?;
        let tag = &self.body[tag_start..tag_end];
        let v = tag.find("value=\"")? + 7;
        Some(tag[v..v + tag[v..].find('"')?].to_string())
    }
}

pub struct Client {
    http: reqwest::Client,
    base: String,
    csrf: std::sync::Mutex<String>,
}

impl Client {
    pub fn new(app: &TestApp) -> Client {
        Client::with_language(app, None)
    }
    /// A browser for the app at `base` (e.g. another process's http://127.0.0.1:PORT).
    pub fn at(base: &str) -> Client {
        Client::with_headers(base, &[])
    }
    /// The same browser, its cookies and all, talking to the app at `base`.
    pub fn on(&self, base: &str) -> Client {
        let csrf = std::sync::Mutex::new(self.csrf.lock().unwrap().clone());
        Client { http: self.http.clone(), base: base.to_string(), csrf }
    }
    pub fn with_language(app: &TestApp, accept_language: Option<&str>) -> Client {
        let headers = accept_language.map(|l| ("accept-language", l));
        Client::with_headers(&app.base, headers.as_slice())
    }
    /// A browser at `address`, as the test app's trusted proxy (loopback) reports it.
    pub fn from_address(app: &TestApp, address: &str) -> Client {
        Client::with_headers(&app.base, &[("x-forwarded-for", address)])
    }
    /// A browser that names itself, as the settings page's session list shows it.
    pub fn with_user_agent(app: &TestApp, user_agent: &str) -> Client {
        Client::with_headers(&app.base, &[("user-agent", user_agent)])
    }
    fn with_headers(base: &str, fields: &[(&'static str, &str)]) -> Client {
        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in fields {
            headers.insert(*name, value.parse().unwrap());
        }
        // reqwest here has no TLS provider of its own (decision 0030); a
        // client may talk to servers of other processes before any app starts.
        kartrekker::auth::sso::use_ring_for_tls();
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .unwrap();
        Client { http, base: base.to_string(), csrf: Default::default() }
    }

    async fn page(&self, res: reqwest::Response) -> Page {
        let status = res.status().as_u16();
        let location = res.headers().get("location").map(|v| v.to_str().unwrap().to_string());
        let content_type = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
        let body = res.text().await.unwrap();
        let page = Page { status, body, location, content_type };
        if let Some(t) = page.input_value("csrf") {
            *self.csrf.lock().unwrap() = t;
        }
        page
    }

    pub async fn get(&self, path: &str) -> Page {
        self.get_url(&format!("{}{path}", self.base)).await
    }

    /// A page at a whole address, e.g. another site a redirect points to
    /// (an OpenID Connect provider), with the same cookies.
    pub async fn get_url(&self, url: &str) -> Page {
        let res = self.http.get(url).send().await.unwrap();
        self.page(res).await
    }

    /// Posts a form with the CSRF token of the last page seen (fetching the
    /// log-in page first if no page was seen yet).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        if self.csrf.lock().unwrap().is_empty() {
            self.get("/login").await;
        }
        let token = self.csrf.lock().unwrap().clone();
        let mut form: Vec<(&str, &str)> = vec![("csrf", &token)];
        form.extend_from_slice(fields);
        self.post_raw(path, &form).await
    }

    /// Posts exactly these fields: no CSRF token added.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self.http.post(format!("{}{path}", self.base)).form(fields).send().await.unwrap();
        self.page(res).await
    }

    /// A download: the status, the content type and the body as bytes.
    pub async fn get_bytes(&self, path: &str) -> (u16, Option<String>, Vec<u8>) {
        let res = self.http.get(format!("{}{path}", self.base)).send().await.unwrap();
        let status = res.status().as_u16();
        let content_type = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
        (status, content_type, res.bytes().await.unwrap().to_vec())
    }

    /// Posts a form (with the CSRF token) and returns the status, the
    /// content type and the body as bytes: for a download such as a ZIP.
    pub async fn post_for_bytes(&self, path: &str, fields: &[(&str, &str)]) -> (u16, Option<String>, Vec<u8>) {
        let token = self.csrf.lock().unwrap().clone();
        let mut form: Vec<(&str, &str)> = vec![("csrf", &token)];
        form.extend_from_slice(fields);
        let res = self.http.post(format!("{}{path}", self.base)).form(&form).send().await.unwrap();
        let status = res.status().as_u16();
        let content_type = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
        (status, content_type, res.bytes().await.unwrap().to_vec())
    }

    pub async fn upload(&self, path: &str, file: Vec<u8>) -> Page {
        let token = self.csrf.lock().unwrap().clone();
        let part = reqwest::multipart::Part::bytes(file).file_name("people.csv").mime_str("text/csv").unwrap();
        let form = reqwest::multipart::Form::new().text("csrf", token).part("file", part);
        let res = self.http.post(format!("{}{path}", self.base)).multipart(form).send().await.unwrap();
        self.page(res).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Page {
        self.get("/login").await;
        self.post("/login", &[("email", email), ("password", password)]).await
    }

    /// Logs in and fails the test if that did not work.
    pub async fn logged_in(app: &TestApp, email: &str) -> Client {
        let c = Client::new(app);
        let p = c.login(email, PASSWORD).await;
        assert_eq!(p.status, 303, "log-in of {email} failed:\n{}", p.body);
        // As a browser would: land on a page, which carries the session's CSRF token.
        c.get("/").await;
        c
    }
}
