//! Writing the trail, and reading it: the organisation administrator's
//! page and CSV, and a person's own "who viewed my data".

use super::model::{AuditAction, AuditFilter, AuditRow, Entry, PAGE_SIZE};
use super::store;
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;
use crate::organisations::service::admin_org;
use crate::{Kartrekker, Result};

/// The most entries one CSV export holds; narrow the filter for older ones.
pub const CSV_LIMIT: i64 = 100_000;

/// One page of entries, and whether an older page follows.
#[derive(Clone, Debug)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub more: bool,
}

fn page_of(mut rows: Vec<AuditRow>) -> AuditPage {
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    AuditPage { rows, more }
}

impl Kartrekker {
    /// Writes `e` to the trail through `c`: inside the caller's transaction
    /// when it changes something, so the entry stands or falls with it.
    pub async fn audit(&self, c: &mut Conn, e: Entry) -> Result<()> {
        store::insert(c, &e, self.now()).await?;
        Ok(())
    }

    /// A request the actor was refused (403, or 404 from a permission
    /// check): `what` is the method, path and status, never the query.
    pub async fn access_refused(&self, actor: &Actor, what: &str) -> Result<()> {
        let what: String = what.chars().take(300).collect();
        self.audit(&mut self.conn().await?, Entry::by(actor, AuditAction::AccessRefused, what)).await
    }

    /// The administrator's organisation's entries, newest first; `page` from 0.
    pub async fn audit_log(&self, actor: &Actor, f: &AuditFilter, page: i64) -> Result<AuditPage> {
        let org = admin_org(actor)?;
        let page = page.max(0);
        let rows = store::of_org(&mut self.conn().await?, org, f, page * PAGE_SIZE, PAGE_SIZE + 1).await?;
        Ok(page_of(rows))
    }

    /// The filtered entries as CSV; the export is itself an entry. `label`
    /// translates the column and action keys.
    pub async fn audit_log_csv(
        &self,
        actor: &Actor,
        f: &AuditFilter,
        label: &(dyn Fn(&str) -> String + Sync),
    ) -> Result<String> {
        let org = admin_org(actor)?;
        let mut c = self.conn().await?;
        let rows = store::of_org(&mut c, org, f, 0, CSV_LIMIT).await?;
        self.audit(&mut c, Entry::by(actor, AuditAction::ExportAuditLog, "audit_log").in_org(org)).await?;
        Ok(csv(&rows, label))
    }

    /// Reads and exports of the actor's personal data by others, newest first.
    pub async fn views_of_my_data(&self, actor: &Actor, page: i64) -> Result<AuditPage> {
        let page = page.max(0);
        let rows = store::views_of(&mut self.conn().await?, actor.id(), page * PAGE_SIZE, PAGE_SIZE + 1).await?;
        Ok(page_of(rows))
    }
}

/// Entries as CSV: moment (Dutch time), who, action, subject, whose data, address.
pub(crate) fn csv(rows: &[AuditRow], label: &(dyn Fn(&str) -> String + Sync)) -> String {
    let head = ["audit-when", "audit-who", "audit-action", "audit-subject", "audit-about", "audit-address"];
    let head: Vec<String> = head.iter().map(|k| label(k)).collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let lines = rows.iter().map(|r| {
        vec![
            Date::moment_nl(r.at),
            r.actor_name.clone().unwrap_or_default(),
            label(&format!("audit-action-{}", r.action.code())),
            r.subject.clone(),
            r.subject_name.clone().unwrap_or_default(),
            r.address.clone().unwrap_or_default(),
        ]
    });
    crate::csv_export::excel(&head, lines)
}
