# Two-step log-in (pages/two_step.rs, decision 0027): the code after the password, setting it up under Settings.
totp-title = Two-step log-in
totp-intro = With two-step log-in Kartrekker asks, after your password, for a code from an app on your phone (such as Microsoft Authenticator, Google Authenticator or FreeOTP). Someone who knows only your password cannot get in.
totp-required = As an administrator you turn on two-step log-in before you can go on.
totp-on = Two-step log-in is on.
totp-codes-left = You have { $count } unused recovery codes left.
totp-step-scan = 1. Add Kartrekker to your app
totp-scan-intro = Open the app and scan this QR code.
totp-qr-label = QR code to add Kartrekker to your app
totp-secret-intro = Cannot scan? Type this key into the app instead (time-based, 6 digits):
totp-uri-summary = The address behind the QR code
totp-step-confirm = 2. Type the code the app shows now
totp-label-first-code = Code from the app
totp-confirm-button = Turn on two-step log-in
totp-codes-title = Your recovery codes
totp-codes-on = Two-step log-in is on.
totp-codes-intro = Keep these ten codes somewhere safe, printed or in a password manager. Without your phone at hand, you log in with one of them; each code works once. You see them only now.
totp-codes-continue = Continue to Kartrekker
totp-disable-title = Turn off two-step log-in
totp-disable-intro = Type a code from the app or your password. Your recovery codes then stop working too.
totp-label-proof = Code from the app or password
totp-disable-button = Turn off two-step log-in
totp-notice-disabled = Two-step log-in is off. From now on you log in with your password alone.
totp-code-title = Code from your app
totp-code-intro = Your password is right. Now type the code your app shows for Kartrekker.
totp-label-code = Code or recovery code
totp-code-hint = Six digits from the app, or one of your recovery codes if you do not have the app at hand.
totp-code-button = Log in
totp-code-start-again = Start again
totp-error-code-wrong = This code is not right. Type the six digits the app shows now.
totp-error-login-code-wrong = This code is not right. Type the six digits the app shows now, or an unused recovery code.
totp-error-code-used = This code has been used already. Wait for the next code in the app.
totp-error-throttled = Too many wrong codes. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
totp-error-expired = Logging in took too long. Log in again with your password.
totp-error-already-on = Two-step log-in is on already.
totp-error-not-on = Two-step log-in is not on.
totp-error-disable-wrong = This is neither a valid code from the app nor your password.
