"""Two-factor sign-in: password, then a 6-digit code from an authenticator app (TOTP).

Pages (in the ``access`` URL namespace): ``sign_in``, ``sign_in_code``,
``sign_in_set_up`` and ``sign_out``. ``middleware.TwoFactorMiddleware`` refuses every
other non-public page to a user who has not entered a code; django-axes locks a
username after repeated failures at either step.
"""
