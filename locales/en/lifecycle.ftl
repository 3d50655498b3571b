# Deactivating, reactivating and erasing a person (administrator).
erased-person = Former employee { $n }
status-deactivated = Deactivated
error-login-deactivated = Your account has been deactivated. Ask your organisation's administrator to activate it again.
error-lifecycle-self = You cannot deactivate or erase yourself.
error-erase-successor = Choose an active colleague of this organisation to take over the open actions.
error-erase-confirm = Tick that you understand erasing cannot be undone.
lifecycle-heading = Account
lifecycle-deactivate-help = Deactivating: this person can no longer log in, every session is ended and no invitations, reminders or notices reach them any more. Their name and actions stay in the history. You can undo this.
lifecycle-is-deactivated = This person is deactivated: they cannot log in and get no messages.
lifecycle-erase-help = Erasing (GDPR article 17) removes the personal data for good.
button-deactivate = Deactivate
button-reactivate = Activate again
button-erase = Erase person
erase-title = Erase { $name }
erase-explain = Erasing cannot be undone. The name is replaced by "former employee" with a number, the e-mail address becomes free, and password, sessions, links, calendar link, notification settings, personal action plans, reflection notes, accreditation record and own open answers are deleted.
erase-kept = Contributions to group results (reflection cycle, intake themes) keep counting only anonymously, so those results do not change.
erase-no-open-actions = This person pulls no open actions.
erase-open-actions = { $count ->
    [one] One open action goes to a new kartrekker
   *[other] { $count } open actions go to a new kartrekker
}
label-successor = New kartrekker
label-erase-confirm = I understand that { $name } is erased for good
erase-cancel = Do not erase, back to the person
notice-person-deactivated = The person is deactivated.
notice-person-reactivated = The person is active again.
notice-person-erased = The person is erased.
import-missing-heading = Not in this file
import-missing-explain = These active people of your organisation are not in the file. You can deactivate them with the import.
label-deactivate-missing = Deactivate these { $count } people
