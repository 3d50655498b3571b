//! Organisation administration: departments, teams, people, memberships and
//! the CSV import.

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use kartrekker::organisations::import::{Field, ImportPreview, ImportRow, chosen_fields, file_text};
use kartrekker::organisations::{Department, Member, OrgRole, Team, TeamRole};
use kartrekker::people::{Person, Profession};
use serde::{Deserialize, Serialize};

use super::{
    Notice, notice, org_role_label, profession_label, render, render_status, see_other, team_role_label,
    team_roles_label,
};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(overview))
        .route("/admin/settings", get(settings).post(save_settings))
        .route("/admin/departments", get(departments).post(add_department))
        .route("/admin/teams", get(teams).post(add_team))
        .route("/admin/teams/{id}", get(team).post(update_team))
        .route("/admin/departments/{id}", post(rename_department))
        .route("/admin/teams/{id}/members", post(add_member))
        .route("/admin/teams/{id}/members/{person}/remove", post(remove_member))
        .route("/admin/people", get(people).post(create_person))
        .route("/admin/people/new", get(new_person))
        .route("/admin/people/{id}", get(person).post(update_person))
        .route("/admin/people/{id}/invite", post(resend_invitation))
        .route("/admin/import", get(import_form).post(import_check))
        .route("/admin/import/columns", post(import_columns))
        .route("/admin/import/confirm", post(import_confirm))
}

/// Largest CSV file accepted; an HR export of a large hospital is far smaller.
pub const IMPORT_LIMIT: usize = 1024 * 1024;

#[derive(Template)]
#[template(path = "admin/overview.html")]
struct Overview<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    organisation: String,
    departments: usize,
    teams: usize,
    people: usize,
    invited: usize,
}

pub async fn overview(s: AppState, c: Ctx) -> WebResult {
    let a = c.require()?;
    let departments = s.k.departments(a).await?.len();
    let teams = s.k.teams(a).await?.len();
    let people = s.k.people(a).await?;
    let organisation = a.organisation.clone().unwrap_or_default();
    let invited = people.iter().filter(|p| !p.active && !p.deactivated).count();
    Ok(render(&Overview { c: &c, notice: None, organisation, departments, teams, people: people.len(), invited }))
}

#[derive(Template)]
#[template(path = "admin/departments.html")]
struct Departments<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    departments: Vec<Department>,
    form: Form,
}

async fn departments_page(s: &AppState, c: &Ctx, form: Form, notice: Option<String>) -> WebResult {
    let departments = s.k.departments(c.require()?).await?;
    Ok(render(&Departments { c, notice, departments, form }))
}

pub async fn departments(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    departments_page(&s, &c, Form::new(), notice(&c, q.notice.as_deref())).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct NameForm {
    name: String,
}

pub async fn add_department(s: AppState, c: Ctx, Posted(f): Posted<NameForm>) -> WebResult {
    let result = s.k.create_department(c.require()?, &f.name).await;
    let ok = |_| "/admin/departments?notice=notice-department-added".to_string();
    submit(&c, &f, "name", result, ok, async |form| departments_page(&s, &c, form, None).await).await
}

#[derive(Template)]
#[template(path = "admin/teams.html")]
struct Teams<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    teams: Vec<(Team, i64)>,
    departments: Vec<(String, String)>,
    form: Form,
}

async fn teams_page(s: &AppState, c: &Ctx, form: Form, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let teams = s.k.teams(a).await?;
    let mut departments = vec![(String::new(), c.t("choose").to_string())];
    departments.extend(s.k.departments(a).await?.into_iter().map(|d| (d.id.to_string(), d.name)));
    Ok(render(&Teams { c, notice, teams, departments, form }))
}

pub async fn teams(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    teams_page(&s, &c, Form::new(), notice(&c, q.notice.as_deref())).await
}

/// A new team, or a team renamed or moved to another department.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct TeamForm {
    department: String,
    name: String,
}

pub async fn add_team(s: AppState, c: Ctx, Posted(f): Posted<TeamForm>) -> WebResult {
    let result = s.k.create_team(c.require()?, &f.department, &f.name).await;
    let ok = |id| format!("/admin/teams/{id}?notice=notice-team-added");
    submit(&c, &f, "name", result, ok, async |form| teams_page(&s, &c, form, None).await).await
}

#[derive(Template)]
#[template(path = "admin/team.html")]
struct TeamPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    team: Team,
    members: Vec<(Member, String)>,
    people: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    form: Form,
    edit: Form,
    departments: Vec<(String, String)>,
}

/// The team with its members; `form` adds a member, `edit` is the team's own
/// name and department.
async fn team_page(
    s: &AppState,
    c: &Ctx,
    id: i64,
    form: Option<Form>,
    edit: Option<Form>,
    notice: Option<String>,
) -> WebResult {
    let a = c.require()?;
    let (team, members) = s.k.team_admin(a, id).await?;
    let members = members.into_iter().map(|m| {
        let roles = team_roles_label(c, &m.roles);
        (m, roles)
    });
    let mut people = vec![(String::new(), c.t("choose").to_string())];
    let choosable = s.k.people(a).await?.into_iter().filter(|p| !p.deactivated);
    people.extend(choosable.map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.email))));
    let roles = TeamRole::ALL.iter().map(|r| (r.code().to_string(), team_role_label(c, *r))).collect();
    let departments = s.k.departments(a).await?.into_iter().map(|d| (d.id.to_string(), d.name)).collect();
    let form = form.unwrap_or_else(|| Form::new().with("role", "member"));
    let edit = edit
        .unwrap_or_else(|| Form::of(&TeamForm { department: team.department_id.to_string(), name: team.name.clone() }));
    let page = TeamPage { c, notice, team, members: members.collect(), people, roles, form, edit, departments };
    Ok(render(&page))
}

pub async fn team(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    team_page(&s, &c, id, None, None, notice(&c, q.notice.as_deref())).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct MemberForm {
    person: String,
    role: String,
}

pub async fn add_member(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<MemberForm>) -> WebResult {
    let result = s.k.add_member(c.require()?, id, &f.person, &f.role).await;
    let ok = |()| format!("/admin/teams/{id}?notice=notice-member-added");
    submit(&c, &f, "person", result, ok, async |form| team_page(&s, &c, id, Some(form), None, None).await).await
}

pub async fn update_team(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<TeamForm>) -> WebResult {
    let result = s.k.update_team(c.require()?, id, &f.department, &f.name).await;
    let ok = |()| format!("/admin/teams/{id}?notice=notice-team-saved");
    submit(&c, &f, "name", result, ok, async |edit| team_page(&s, &c, id, None, Some(edit), None).await).await
}

pub async fn rename_department(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<NameForm>) -> WebResult {
    let result = s.k.rename_department(c.require()?, id, &f.name).await;
    let ok = |()| "/admin/departments?notice=notice-department-saved".to_string();
    submit(&c, &f, "name", result, ok, async |form| departments_page(&s, &c, form, None).await).await
}

pub async fn remove_member(s: AppState, c: Ctx, Path((id, person)): Path<(i64, i64)>) -> WebResult {
    s.k.remove_member(c.require()?, id, person).await?;
    Ok(see_other(&format!("/admin/teams/{id}?notice=notice-member-removed")))
}

#[derive(Template)]
#[template(path = "admin/people.html")]
struct People<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    people: Vec<(Person, String)>,
}

pub async fn people(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let people = s.k.people(c.require()?).await?;
    let people = people.into_iter().map(|p| {
        let prof = profession_label(&c, p.profession);
        (p, prof)
    });
    Ok(render(&People { notice: notice(&c, q.notice.as_deref()), c: &c, people: people.collect() }))
}

#[derive(Template)]
#[template(path = "admin/person_form.html")]
struct PersonPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    title: String,
    action: String,
    form: Form,
    professions: Vec<(String, String)>,
    org_roles: Vec<(String, String)>,
    editing: Option<Editing>,
}

/// What the form shows of an existing person besides the fields.
struct Editing {
    id: i64,
    active: bool,
    deactivated: bool,
    /// The administrator's own page: no deactivating or erasing oneself.
    own: bool,
    /// (team id, team name, roles there)
    teams: Vec<(i64, String, String)>,
}

fn person_form<'a>(c: &'a Ctx, title: String, action: String, form: Form) -> PersonPage<'a> {
    let mut professions = vec![(String::new(), c.t("choose").to_string())];
    professions.extend(Profession::ALL.iter().map(|p| (p.code().to_string(), profession_label(c, *p))));
    PersonPage {
        c,
        notice: None,
        title,
        action,
        form,
        professions,
        org_roles: OrgRole::ALL.iter().map(|r| (r.code().to_string(), org_role_label(c, *r))).collect(),
        editing: None,
    }
}

/// A new person, or one edited (the e-mail address then stays as it is).
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PersonForm {
    name: String,
    email: String,
    profession: String,
    /// Codes of the roles in the organisation (checkboxes).
    org_roles: Vec<String>,
}

pub async fn new_person(c: Ctx) -> WebResult {
    c.require()?;
    if !c.is_org_admin() {
        return Err(WebError::Forbidden);
    }
    Ok(render(&person_form(&c, c.t("admin-new-person").to_string(), "/admin/people".into(), Form::new())))
}

pub async fn create_person(s: AppState, c: Ctx, Posted(f): Posted<PersonForm>) -> WebResult {
    let result = s.k.create_person(c.require()?, &f.name, &f.email, &f.profession, &f.org_roles).await;
    let ok = |id| format!("/admin/people/{id}?notice=notice-person-added");
    submit(&c, &f, "name", result, ok, async |form| {
        Ok(render(&person_form(&c, c.t("admin-new-person").to_string(), "/admin/people".into(), form)))
    })
    .await
}

async fn person_page(s: &AppState, c: &Ctx, id: i64, form: Option<Form>, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let d = s.k.person_detail(a, id).await?;
    let form = form.unwrap_or_else(|| {
        Form::of(&PersonForm {
            name: d.person.name.clone(),
            email: String::new(),
            profession: d.person.profession.code().to_string(),
            org_roles: d.org_roles.iter().map(|r| r.code().to_string()).collect(),
        })
    });
    let form = form.with("email", d.person.email.clone());
    let mut page = person_form(c, d.person.name.clone(), format!("/admin/people/{id}"), form);
    page.notice = notice;
    let teams = d.teams.iter().map(|(t, r)| (t.id, t.name.clone(), team_roles_label(c, r))).collect();
    page.editing =
        Some(Editing { id, active: d.person.active, deactivated: d.person.deactivated, own: id == a.id(), teams });
    Ok(render(&page))
}

pub async fn person(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    person_page(&s, &c, id, None, notice(&c, q.notice.as_deref())).await
}

pub async fn update_person(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<PersonForm>) -> WebResult {
    let result = s.k.update_person(c.require()?, id, &f.name, &f.profession, &f.org_roles).await;
    let ok = |()| format!("/admin/people/{id}?notice=notice-person-saved");
    submit(&c, &f, "name", result, ok, async |form| person_page(&s, &c, id, Some(form), None).await).await
}

pub async fn resend_invitation(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    match s.k.resend_invitation(c.require()?, id).await {
        Ok(()) | Err(kartrekker::Error::Refused(_)) => {
            Ok(see_other(&format!("/admin/people/{id}?notice=notice-invitation-sent")))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/import.html")]
struct Import<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    form: Form,
    preview: Option<ImportPreview>,
    rows: Vec<(ImportRow, String, String)>,
    /// (line, column, problem, value)
    errors: Vec<(u64, String, String, String)>,
    /// (index, header, chosen field code) for the mapping step.
    columns: Vec<(usize, String, &'static str)>,
    /// (code, label) of every field, for the mapping's select boxes.
    fields: Vec<(&'static str, String)>,
    /// (label, accepted words) of every profession and every team role.
    professions: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    csv: String,
    /// Active people the file leaves out, whom the import may deactivate.
    missing: Vec<Person>,
}

fn field_label(c: &Ctx, f: Field) -> String {
    c.t(&format!("import-field-{}", f.code())).to_string()
}

fn words(list: Vec<&str>) -> String {
    list.iter().map(|w| w.replace('_', " ")).collect::<Vec<_>>().join(", ")
}

fn import_page<'a>(c: &'a Ctx, form: Form, preview: Option<ImportPreview>, csv: String) -> Import<'a> {
    let (rows, errors, columns) = match &preview {
        Some(p) => (
            p.rows
                .iter()
                .map(|r| {
                    let status =
                        c.t(if r.existing { "import-existing-person" } else { "import-new-person" }).to_string();
                    (r.clone(), team_role_label(c, r.role), status)
                })
                .collect(),
            p.errors
                .iter()
                .map(|e| {
                    // The file's header names the column; a field no column was mapped to names itself.
                    let column = match (&e.column, e.field) {
                        (h, _) if !h.is_empty() => h.clone(),
                        (_, Some(f)) => field_label(c, f),
                        _ => String::new(),
                    };
                    (e.line, column, c.t(e.key).to_string(), e.value.clone())
                })
                .collect(),
            p.columns.iter().enumerate().map(|(i, (h, f))| (i, h.clone(), f.map_or("", Field::code))).collect(),
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    Import {
        c,
        notice: None,
        form,
        preview,
        rows,
        errors,
        columns,
        fields: Field::ALL.iter().map(|f| (f.code(), field_label(c, *f))).collect(),
        professions: Profession::ALL.iter().map(|p| (profession_label(c, *p), words(p.words()))).collect(),
        roles: TeamRole::ALL.iter().map(|r| (team_role_label(c, *r), words(r.words()))).collect(),
        csv,
        missing: Vec::new(),
    }
}

/// The checked file: its preview, and when it can be imported, the active
/// people it leaves out (whom the import may deactivate).
async fn import_answer(s: &AppState, c: &Ctx, preview: ImportPreview, csv: String) -> WebResult {
    let valid = preview.is_valid();
    let missing = if valid { s.k.missing_from_import(c.require()?, &preview).await? } else { Vec::new() };
    let status = if valid { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut page = import_page(c, Form::new(), Some(preview), csv);
    page.missing = missing;
    Ok(render_status(status, &page))
}

pub async fn import_form(c: Ctx, Query(q): Query<Notice>) -> WebResult {
    c.require()?;
    if !c.is_org_admin() {
        return Err(WebError::Forbidden);
    }
    let mut page = import_page(&c, Form::new(), None, String::new());
    page.notice = notice(&c, q.notice.as_deref());
    Ok(render(&page))
}

/// Reads the uploaded file, refusing one that is too large or missing.
async fn uploaded(mut mp: Multipart) -> Result<Vec<u8>, &'static str> {
    while let Ok(Some(mut field)) = mp.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > IMPORT_LIMIT {
                        return Err("error-import-too-large");
                    }
                }
                Ok(None) => break,
                Err(_) => return Err("error-import-too-large"),
            }
        }
        return if bytes.is_empty() { Err("error-import-no-file") } else { Ok(bytes) };
    }
    Err("error-import-no-file")
}

pub async fn import_check(s: AppState, c: Ctx, mp: Multipart) -> WebResult {
    let a = c.require()?;
    if !c.is_org_admin() {
        return Err(WebError::Forbidden);
    }
    let bytes = match uploaded(mp).await {
        Ok(b) => b,
        Err(key) => {
            let mut form = Form::new();
            form.add_error("file", c.t(key).to_string());
            let status = if key == "error-import-too-large" {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            return Ok(render_status(status, &import_page(&c, form, None, String::new())));
        }
    };
    let text = match file_text(&bytes) {
        Ok(text) => text,
        Err(key) => {
            let mut form = Form::new();
            form.add_error("file", c.t(key).to_string());
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &import_page(&c, form, None, String::new())));
        }
    };
    let preview = s.k.preview_import(a, &text, None).await?;
    import_answer(&s, &c, preview, text).await
}

/// The checked file, sent back from the preview, with the field chosen for each column.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ImportForm {
    csv: String,
    col: Vec<String>,
    /// "yes": also deactivate the organisation's people missing from the file.
    deactivate_missing: String,
}

/// The mapping step: the same file checked again with the columns as chosen.
pub async fn import_columns(s: AppState, c: Ctx, Posted(f): Posted<ImportForm>) -> WebResult {
    let preview = s.k.preview_import(c.require()?, &f.csv, Some(&chosen_fields(&f.col))).await?;
    import_answer(&s, &c, preview, f.csv).await
}

/// Imports the file and, when asked, deactivates those it leaves out: all
/// of it in one transaction, or nothing.
pub async fn import_confirm(s: AppState, c: Ctx, Posted(f): Posted<ImportForm>) -> WebResult {
    let deactivate_missing = f.deactivate_missing == "yes";
    let result = s.k.import_people(c.require()?, &f.csv, Some(&chosen_fields(&f.col)), deactivate_missing).await?;
    if result.is_valid() {
        Ok(see_other("/admin/people?notice=notice-imported"))
    } else {
        import_answer(&s, &c, result, f.csv).await
    }
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct OrgSettings<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    form: Form,
}

pub async fn settings(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let a = c.require()?;
    let days = s.k.reminder_days(a).await?;
    let size = s.k.min_group_size(a).await?;
    let form = Form::new().with("reminder_days", days.to_string()).with("min_group_size", size.to_string());
    Ok(render(&OrgSettings { notice: notice(&c, q.notice.as_deref()), c: &c, form }))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    reminder_days: String,
    min_group_size: String,
}

pub async fn save_settings(s: AppState, c: Ctx, Posted(f): Posted<SettingsForm>) -> WebResult {
    let a = c.require()?;
    let result = s.k.save_org_settings(a, &f.reminder_days, &f.min_group_size).await;
    let ok = |()| "/admin/settings?notice=notice-settings-saved".to_string();
    submit(&c, &f, "reminder_days", result, ok, async |form| Ok(render(&OrgSettings { c: &c, notice: None, form })))
        .await
}
