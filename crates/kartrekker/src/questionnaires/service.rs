//! Rules for instruments and responses: who may use which instrument, and
//! answers that are saved on every step so a half-filled questionnaire is
//! never lost.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::definition::{AnswerValue, Definition, DefinitionError, SHIPPED};
use super::model::{InstrumentRow, ResponseRow};
use super::store::{self, NewInstrument, SHIPPED_OWNER, org_owner};
use crate::auth::Actor;
use crate::db::Conn;
use crate::organisations::service::admin_org;
use crate::{Error, Kartrekker, Result};

/// An instrument version, read.
#[derive(Clone, Debug)]
pub struct Instrument {
    pub id: i64,
    pub org_id: Option<i64>,
    pub definition: Definition,
}

/// A response with its instrument and the answers so far.
#[derive(Clone, Debug)]
pub struct ResponseForm {
    pub response: ResponseRow,
    pub instrument: Arc<Instrument>,
    pub answers: HashMap<String, AnswerValue>,
    /// The colleague this feedback is about: the form names them and offers
    /// "cannot judge" on every scale item.
    pub about: Option<String>,
    /// Answers no longer count (a reflection cycle's feedback closed).
    pub closed: bool,
}

/// Answer problems: (item id, Fluent key). Valid answers are saved anyway.
pub type AnswerProblems = Vec<(String, &'static str)>;

/// Form fields of answers are named "q-" + the item id.
pub const ANSWER_PREFIX: &str = "q-";

/// The answer "cannot judge" to a scale item of colleague feedback: stored as
/// this text, so that no average counts it.
pub const CANNOT_JUDGE: &str = "cannot-judge";

fn read(row: InstrumentRow) -> Result<Instrument> {
    let definition = Definition::parse(&row.source)
        .map_err(|e| Error::Internal(format!("stored instrument {} does not parse: {e:?}", row.id)))?;
    Ok(Instrument { id: row.id, org_id: row.org_id, definition })
}

/// Parsed instrument versions by id, for one database. A stored version never
/// changes (a new one gets a new id), and parsing its TOML on every results
/// page cost more than all of the page's queries. Versions are few: no eviction.
#[derive(Default)]
pub struct InstrumentCache(Mutex<HashMap<i64, Arc<Instrument>>>);

impl Kartrekker {
    /// A stored instrument version, without an access check: for areas that
    /// already checked access to what refers to it.
    pub(crate) async fn instrument_by_id(&self, c: &mut Conn, id: i64) -> Result<Arc<Instrument>> {
        if let Some(i) = self.instruments.0.lock().expect("instrument cache").get(&id) {
            return Ok(i.clone());
        }
        let parsed = Arc::new(read(store::by_id(c, id).await?.ok_or(Error::NotFound)?)?);
        self.instruments.0.lock().expect("instrument cache").insert(id, parsed.clone());
        Ok(parsed)
    }

    /// Stores the instruments shipped in the binary that are not there yet.
    pub async fn install_shipped_instruments(&self) -> Result<usize> {
        let mut c = self.conn().await?;
        let mut added = 0;
        for source in SHIPPED {
            let d = Definition::parse(source).map_err(|e| Error::Internal(format!("shipped instrument: {e:?}")))?;
            let new = NewInstrument {
                owner: SHIPPED_OWNER,
                org_id: None,
                slug: &d.slug,
                version: d.version,
                title_nl: &d.title.nl,
                title_en: &d.title.en,
                source,
                created_by: None,
            };
            added += store::insert_instrument(&mut c, &new, self.now()).await? as usize;
        }
        Ok(added)
    }

    pub async fn instruments(&self, actor: &Actor) -> Result<Vec<InstrumentRow>> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        Ok(store::available(&mut self.conn().await?, org).await?)
    }

    /// An instrument the actor's organisation may use.
    pub async fn instrument(&self, actor: &Actor, id: i64) -> Result<Arc<Instrument>> {
        let instrument = self.instrument_by_id(&mut self.conn().await?, id).await?;
        if instrument.org_id.is_some() && instrument.org_id != actor.org_id() {
            return Err(Error::NotFound);
        }
        Ok(instrument)
    }

    pub async fn latest_shipped_instrument(&self, slug: &str) -> Result<Instrument> {
        read(store::latest_shipped(&mut self.conn().await?, slug).await?.ok_or(Error::NotFound)?)
    }

    /// An administrator publishes an instrument, or a new version of one of
    /// the organisation's own. Answers to older versions stay with those.
    pub async fn upload_instrument(&self, actor: &Actor, source: &str) -> Result<Result<i64, Vec<DefinitionError>>> {
        let org = admin_org(actor)?;
        let d = match Definition::parse(source) {
            Ok(d) => d,
            Err(errors) => return Ok(Err(errors)),
        };
        // A built-in id would make two instruments answer to one name.
        if SHIPPED.iter().filter_map(|s| Definition::parse(s).ok()).any(|shipped| shipped.slug == d.slug) {
            let line = source.lines().position(|l| l.trim_start().starts_with("id")).map_or(1, |i| i + 1);
            return Ok(Err(vec![DefinitionError { line, key: "error-definition-id-builtin", detail: d.slug }]));
        }
        let owner = org_owner(org);
        let mut tx = self.db.begin().await?;
        if let Some(v) = store::highest_version(&mut tx, &owner, &d.slug).await?
            && v >= d.version
        {
            let line = source.lines().position(|l| l.trim_start().starts_with("version")).map_or(1, |i| i + 1);
            return Ok(Err(vec![DefinitionError {
                line,
                key: "error-definition-version-exists",
                detail: v.to_string(),
            }]));
        }
        let new = NewInstrument {
            owner: &owner,
            org_id: Some(org),
            slug: &d.slug,
            version: d.version,
            title_nl: &d.title.nl,
            title_en: &d.title.en,
            source,
            created_by: Some(actor.id()),
        };
        store::insert_instrument(&mut tx, &new, self.now()).await?;
        let id = store::available(&mut tx, org)
            .await?
            .into_iter()
            .find(|i| i.org_id == Some(org) && i.slug == d.slug && i.version == d.version)
            .map(|i| i.id)
            .ok_or(Error::Internal("uploaded instrument not found".into()))?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    /// The actor's response in `context`, started if there is none yet.
    pub async fn open_response(&self, actor: &Actor, instrument_id: i64, context: &str) -> Result<i64> {
        self.instrument(actor, instrument_id).await?;
        let mut c = self.conn().await?;
        if let Some(r) = store::response_of(&mut c, actor.id(), context).await? {
            return Ok(r.id);
        }
        Ok(store::insert_response(&mut c, instrument_id, actor.org_id(), Some(actor.id()), context, self.now()).await?)
    }

    /// A response, for the person who fills it in.
    pub async fn response_form(&self, actor: &Actor, response_id: i64) -> Result<ResponseForm> {
        let mut c = self.conn().await?;
        let response = store::response_by_id(&mut c, response_id).await?.ok_or(Error::NotFound)?;
        if response.respondent_id != Some(actor.id()) {
            return Err(Error::NotFound);
        }
        let instrument = self.instrument_by_id(&mut c, response.instrument_id).await?;
        let answers = store::answers(&mut c, response_id).await?.into_iter().collect();
        let context = self.reflection_context(&mut c, &response.context).await?.unwrap_or_default();
        Ok(ResponseForm { response, instrument, answers, about: context.about, closed: context.closed })
    }

    /// Saves the posted answers (fields "q-<item>"). Valid answers are kept
    /// even when others are wrong. With `submit`, every required item must be
    /// answered; a response is submitted once and then no longer changes.
    pub async fn save_response(
        &self,
        actor: &Actor,
        response_id: i64,
        posted: &[(String, String)],
        submit: bool,
    ) -> Result<AnswerProblems> {
        let form = self.response_form(actor, response_id).await?;
        if form.response.submitted {
            return Err(Error::Refused("error-already-submitted"));
        }
        if form.closed {
            return Err(Error::Refused("error-feedback-closed"));
        }
        let d = &form.instrument.definition;
        let mut values: Vec<(&str, Option<AnswerValue>)> = Vec::new();
        let mut problems = AnswerProblems::new();
        for (key, raw) in posted {
            let Some(item_id) = key.strip_prefix(ANSWER_PREFIX) else { continue };
            // An answer to a question this instrument does not have: an edited form.
            let item = d.item(item_id).ok_or(Error::Refused("error-form-tampered"))?;
            if form.about.is_some() && raw == CANNOT_JUDGE && item.kind.range().is_some() {
                values.push((&item.id, Some(AnswerValue::Text(CANNOT_JUDGE.into()))));
                continue;
            }
            match item.check(raw) {
                Ok(v) => values.push((&item.id, v)),
                Err(key) => problems.push((item.id.clone(), key)),
            }
        }
        let mut answers = form.answers.clone();
        for (item, v) in &values {
            match v {
                Some(v) => answers.insert(item.to_string(), v.clone()),
                None => answers.remove(*item),
            };
        }
        // An item posted twice is stored once, as its last value.
        let mut seen = std::collections::HashSet::new();
        let page: Vec<(&str, Option<&AnswerValue>)> =
            values.iter().rev().filter(|(item, _)| seen.insert(*item)).map(|(item, v)| (*item, v.as_ref())).collect();
        if submit && problems.is_empty() {
            for item in d.items().filter(|i| i.required && !answers.contains_key(&i.id)) {
                problems.push((item.id.clone(), "error-answer-required"));
            }
        }
        let mut tx = self.db.begin().await?;
        store::set_answers(&mut tx, response_id, &page).await?;
        if submit && problems.is_empty() {
            // Submitting stamps updated_at as well: one update of the row, not two.
            if !store::submit(&mut tx, response_id, self.now()).await? {
                return Err(Error::Refused("error-already-submitted"));
            }
        } else {
            store::touch(&mut tx, response_id, self.now()).await?;
        }
        tx.commit().await?;
        Ok(problems)
    }
}
