//! What `/metrics` shows (README, "Metrics"; docs/decisions/0026): counters
//! and histograms this process keeps, and gauges read from the database and
//! the pool at each scrape. One registry per [`Kartrekker`](crate::Kartrekker),
//! so that apps started side by side (tests) do not count each other's work.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// The `Content-Type` of the page: the Prometheus text format, version 0.0.4.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// Upper bounds of the latency buckets, in seconds: 1 ms to 10 s.
const LATENCY_BUCKETS: [f64; 14] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 7.5, 10.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Request {
    method: String,
    /// The matched route's template (`/actions/{id}`), never the path itself.
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Kind {
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct State {
    state: &'static str,
}

type ByKind = Family<Kind, Counter>;
type ByState = Family<State, Gauge>;

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

pub struct Metrics {
    registry: Registry,
    requests: Family<Request, Counter>,
    latency: Family<Route, Histogram, fn() -> Histogram>,
    jobs_done: ByKind,
    jobs_failed: ByKind,
    emails: ByKind,
    queue: ByState,
    pool: ByState,
}

/// How a database pool's connections are used at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    /// The most it opens.
    pub max: u64,
    /// Open now, in use or idle.
    pub open: u64,
    pub idle: u64,
}

/// The job queue as the database holds it (all instances together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueDepth {
    /// Not done, and still to be tried (due now or later, after a back-off).
    pub waiting: u64,
    /// Of those, the ones that failed at least once.
    pub retrying: u64,
    /// Failed as often as allowed: given up, kept until the retention purge.
    pub given_up: u64,
}

impl Default for Metrics {
    fn default() -> Metrics {
        let mut registry = Registry::with_prefix("kartrekker");
        let requests = Family::<Request, Counter>::default();
        let latency = Family::<Route, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram as _);
        let (jobs_done, jobs_failed, emails) = <(ByKind, ByKind, ByKind)>::default();
        let (queue, pool) = <(ByState, ByState)>::default();
        registry.register("http_requests", "HTTP requests by method, route template and status", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to the response head, by method and route",
            latency.clone(),
        );
        registry.register("jobs_completed", "Jobs this process ran to completion, by kind", jobs_done.clone());
        registry.register("jobs_failed", "Failed job attempts in this process, by kind", jobs_failed.clone());
        registry.register("emails_sent", "E-mails this process sent, by kind", emails.clone());
        registry.register("job_queue", "The jobs table, all instances: waiting, retrying, given_up", queue.clone());
        registry.register("db_pool_connections", "This process's pool: max, open, idle, in_use", pool.clone());
        Metrics { registry, requests, latency, jobs_done, jobs_failed, emails, queue, pool }
    }
}

impl Metrics {
    /// One answered request; `route` is the matched route's template.
    pub fn request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let (method, route) = (method.to_string(), route.to_string());
        self.latency.get_or_create(&Route { method: method.clone(), route: route.clone() }).observe(seconds);
        self.requests.get_or_create(&Request { method, route, status }).inc();
    }

    pub fn job_done(&self, kind: &'static str) {
        self.jobs_done.get_or_create(&Kind { kind }).inc();
    }

    pub fn job_failed(&self, kind: &'static str) {
        self.jobs_failed.get_or_create(&Kind { kind }).inc();
    }

    pub fn email_sent(&self, kind: &'static str) {
        self.emails.get_or_create(&Kind { kind }).inc();
    }

    /// The page, with the gauges set to what was read just now.
    pub fn render(&self, pool: PoolUse, queue: QueueDepth) -> String {
        for (state, n) in [
            ("max", pool.max),
            ("open", pool.open),
            ("idle", pool.idle),
            ("in_use", pool.open.saturating_sub(pool.idle)),
        ] {
            self.pool.get_or_create(&State { state }).set(n as i64);
        }
        for (state, n) in [("waiting", queue.waiting), ("retrying", queue.retrying), ("given_up", queue.given_up)] {
            self.queue.get_or_create(&State { state }).set(n as i64);
        }
        let mut out = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut out, &self.registry).expect("writing to a String");
        out
    }
}
