# One log-in in several organisations: the switcher (pages/switch.rs).
current-organisation = Organisatie: { $organisation }
switch-organisation = Wissel van organisatie
switch-title = Wissel van organisatie
switch-intro = Je inlog hoort bij meer dan één organisatie. Je ziet steeds alleen de gegevens van de organisatie waarin je nu werkt.
switch-current = { $organisation } (nu)
switch-to = Naar { $organisation }
