# Deactivating, reactivating and erasing a person (administrator).
erased-person = Oud-medewerker { $n }
status-deactivated = Gedeactiveerd
error-login-deactivated = Je account is gedeactiveerd. Vraag de beheerder van je organisatie om het weer te activeren.
error-lifecycle-self = Je kunt jezelf niet deactiveren of wissen.
error-erase-successor = Kies een actieve collega van deze organisatie die de openstaande acties overneemt.
error-erase-confirm = Vink aan dat je begrijpt dat wissen niet ongedaan kan worden.
lifecycle-heading = Account
lifecycle-deactivate-help = Deactiveren: deze persoon kan niet meer inloggen, alle sessies worden beëindigd en er gaan geen uitnodigingen, herinneringen of meldingen meer naar deze persoon. Naam en acties blijven in de geschiedenis staan. Je kunt dit terugdraaien.
lifecycle-is-deactivated = Deze persoon is gedeactiveerd: inloggen kan niet en er gaan geen berichten naartoe.
lifecycle-erase-help = Wissen (AVG artikel 17) verwijdert de persoonsgegevens blijvend.
button-deactivate = Deactiveren
button-reactivate = Weer activeren
button-erase = Persoon wissen
erase-title = { $name } wissen
erase-explain = Wissen kan niet ongedaan worden. De naam wordt vervangen door "oud-medewerker" met een nummer, het e-mailadres komt vrij, en wachtwoord, sessies, links, agenda-koppeling, meldingsinstellingen, persoonlijke actieplannen, reflectie-aantekeningen, accreditatie-registratie en eigen open antwoorden worden verwijderd.
erase-kept = Bijdragen aan groepsresultaten (reflectiecyclus, intake-thema's) blijven alleen anoniem meetellen, zodat die resultaten niet veranderen.
erase-no-open-actions = Deze persoon is geen kartrekker van openstaande acties.
erase-open-actions = { $count ->
    [one] Eén openstaande actie gaat naar een nieuwe kartrekker
   *[other] { $count } openstaande acties gaan naar een nieuwe kartrekker
}
label-successor = Nieuwe kartrekker
label-erase-confirm = Ik begrijp dat { $name } blijvend gewist wordt
erase-cancel = Niet wissen, terug naar de persoon
notice-person-deactivated = De persoon is gedeactiveerd.
notice-person-reactivated = De persoon is weer actief.
notice-person-erased = De persoon is gewist.
import-missing-heading = Niet in dit bestand
import-missing-explain = Deze actieve mensen van je organisatie staan niet in het bestand. Je kunt ze bij het importeren deactiveren.
label-deactivate-missing = Deactiveer deze { $count } mensen
