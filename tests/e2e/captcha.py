"""reCAPTCHA in the browser lane, where the network is closed and Google cannot load.

With JavaScript, the browser is given a stand-in for Google's script that puts the token
"pass" where the real one puts its answer; without JavaScript, a test types the token
into the noscript fallback's box. Either way the token is checked by the local
siteverify stand-in over TLS (tests/siteverify.py, the ``local_siteverify`` fixture of
tests/e2e/conftest.py), as the form checks Google's.
"""

import re

# What Google's api.js does for the checkbox, once ticked: a hidden answer in the form.
STAND_IN_SCRIPT = """
document.querySelectorAll('.g-recaptcha').forEach(function (box) {
  var answer = document.createElement('textarea');
  answer.name = 'g-recaptcha-response'; answer.value = 'pass'; answer.hidden = true;
  box.appendChild(answer);
});
"""


def unreachable_google(page):
    """Serve the stand-in for Google's script on ``page``; refuse every other request
    to Google or to the siteverify stand-in (a browser never talks to siteverify)."""

    def answer(route):
        if route.request.url.split("?")[0].endswith("/recaptcha/api.js"):
            route.fulfill(status=200, content_type="text/javascript", body=STAND_IN_SCRIPT)
        else:
            route.abort()

    page.route(re.compile(r"https://(www\.google|www\.gstatic|recaptcha|localhost:\d+)"), answer)
