"""Response headers every page carries: what the browser may keep, and which devices a page may use.

`Cache-Control: private, no-store` on every response to a signed-in person that does not already
say how to cache it: resumes, answers and scores must not stay in the browser's cache (or a shared
one) after sign-out (ASVS 8.2.1). Anonymous pages are left to their views.

`Permissions-Policy` switches off the camera, the microphone and other powerful features for every
page; a view that needs some (the interview room: camera preview, dictation, the video call) names
them with `@allow_features("camera", "microphone")`, and only that page gets them, for this origin.
"""

from functools import wraps

NO_STORE = "private, no-store"
# Features no page uses unless its view asks; each is "()" (nobody) by default.
POLICY_FEATURES = ("accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
                   "microphone", "payment", "usb")


def permissions_policy(allowed: frozenset[str] = frozenset()) -> str:
    return ", ".join(f"{feature}=(self)" if feature in allowed else f"{feature}=()" for feature in POLICY_FEATURES)


def allow_features(*features: str):
    """View decorator: this page may use `features` (names from POLICY_FEATURES) on this origin."""
    unknown = set(features) - set(POLICY_FEATURES)
    if unknown:
        raise ValueError(f"not a feature the policy knows: {', '.join(sorted(unknown))}")

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.permissions_allowed = frozenset(features)
            return response
        return wrapped
    return decorate


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Cache-Control first: a response that says how to cache itself (healthz) costs no session read.
        if "Cache-Control" not in response and getattr(getattr(request, "user", None), "is_authenticated", False):
            response["Cache-Control"] = NO_STORE
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy(getattr(response, "permissions_allowed", frozenset()))
        return response
