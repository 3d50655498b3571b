# One log-in in several organisations: the switcher (pages/switch.rs).
current-organisation = Organisation: { $organisation }
switch-organisation = Switch organisation
switch-title = Switch organisation
switch-intro = Your log-in belongs to more than one organisation. You only ever see the data of the organisation you are working in now.
switch-current = { $organisation } (current)
switch-to = Go to { $organisation }
