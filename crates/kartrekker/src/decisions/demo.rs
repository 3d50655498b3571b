//! The demo hospital's Fair Process decision: Interne B3 decided how the
//! evening handover goes, with everyone's input, three options weighed,
//! an action on the board and the team's fairness result.

use super::model::{ChoiceInput, DecisionInput, OptionInput};
use crate::actions::ActionInput;
use crate::auth::Actor;
use crate::demo::at;
use crate::organisations::store as orgs;
use crate::{Kartrekker, Result};

const INPUTS: [&str; 4] = [
    "De overdracht in de avond loopt uit: de late dienst gaat vaak 20 minuten te laat naar huis.",
    "We lezen alles voor, ook wat in het dossier staat; bij het bed zou sneller gaan.",
    "De nachtdienst komt om 22.45 uur binnen, maar de laatste ronde is dan nog niet klaar.",
    "Patiënten vragen zich af wat er 's avonds over hen gezegd wordt.",
];

const OPTIONS: [(&str, &str, &str, &str); 3] = [
    (
        "Bedside overdracht",
        "Korter; de patiënt hoort en vult aan.",
        "Privacy op meerpersoonskamers.",
        "Patiëntveiligheid, betrokkenheid van de patiënt, op tijd naar huis.",
    ),
    (
        "Kortere SBAR-overdracht op de post",
        "Vertrouwd; iedereen kent SBAR.",
        "Lost het voorlezen maar deels op.",
        "Overzicht voor de nacht, werkdruk van de late dienst.",
    ),
    (
        "Nachtdienst een kwartier eerder",
        "Meer overlap.",
        "Kost roosteruren; past niet in de cao-afspraken.",
        "Rooster, kosten, rust voor de nachtdienst.",
    ),
];

impl Kartrekker {
    /// A decided Fair Process record in `team`, started by `leader`, with
    /// every member's input and the fairness answers of all but the leader.
    pub(crate) async fn seed_demo_decision(&self, team: i64, leader: &Actor) -> Result<()> {
        let d = |n: i64| self.today().add_days(n).to_string();
        let deadline = d(7);
        let input = DecisionInput {
            title: "Overdracht van late naar nachtdienst",
            problem: "De late dienst gaat structureel te laat naar huis: de overdracht aan de nachtdienst duurt 35 \
                      minuten. Hoe dragen we over, zodat de nacht goed start en de late dienst op tijd weg is?",
            input_deadline: &deadline,
        };
        let id = self.create_decision(leader, team, &input).await.map_err(at("create_decision"))?;
        let members = orgs::members(&mut self.conn().await?, team).await?;
        let mut people = Vec::new();
        for m in members.iter().filter(|m| m.takes_part()) {
            people.push(self.actor(m.person_id).await?.ok_or(crate::Error::NotFound)?);
        }
        for (i, who) in people.iter().enumerate() {
            self.contribute(who, id, INPUTS[i % INPUTS.len()]).await.map_err(at("contribute"))?;
        }
        for (title, pros, cons, interests) in OPTIONS {
            let o = OptionInput { title, pros, cons, interests };
            self.add_decision_option(leader, id, &o).await.map_err(at("add_decision_option"))?;
        }
        let review = d(60);
        let choice = ChoiceInput {
            choice: "Bedside overdracht vanaf de eerste van de maand; op meerpersoonskamers alleen wat de patiënt \
                     mag horen, de rest op de post.",
            reasons: "Korter en veiliger: de patiënt hoort wat er speelt. Eerder in de avond past niet in het rooster.",
            consequences: "Late en nachtdienst lopen samen de kamers langs; de post-overdracht vervalt.",
            expectations: "Iedereen is om 22.45 uur op de afdeling; de kartrekker maakt een kamerlijst.",
            review_date: &review,
        };
        self.decide(leader, id, &choice).await.map_err(at("decide"))?;
        let action = ActionInput {
            title: "Kamerlijst voor de bedside overdracht",
            goal: "Per kamer in 3 minuten overgedragen",
            kartrekker: &leader.id().to_string(),
            due_date: &d(14),
            evaluation_date: &d(60),
        };
        self.add_decision_action(leader, id, &action).await.map_err(at("add_decision_action"))?;
        let scores = ["4", "5", "4", "3", "4", "5", "2"];
        for (i, who) in people.iter().filter(|p| p.id() != leader.id()).enumerate() {
            let comment = if i == 0 { "Fijn dat onze inbreng echt gelezen is." } else { "" };
            self.answer_fairness(who, id, scores[i % scores.len()], comment).await.map_err(at("answer_fairness"))?;
        }
        Ok(())
    }
}
