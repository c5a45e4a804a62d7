from django import forms

from accounts.models import User


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup`)."""

    first_name = forms.CharField(max_length=150, required=False, label="First name",
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))

    def signup(self, request, user):
        user.first_name = self.cleaned_data.get("first_name", "").strip()
        user.save(update_fields=["first_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "target_role"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class AccountDeleteForm(forms.Form):
    """Deleting the account asks for the password, and checks it only once the deletion is confirmed:
    an unticked box never says whether a password is right (no oracle to guess against)."""

    password = forms.CharField(label="Your password", strip=False, required=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label="I understand this deletes my resumes, jobs, interviews and scores for good.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("confirm"):
            return cleaned  # the box's own error says what to do; the password is not looked at
        password = cleaned.get("password") or ""
        if not password:
            self.add_error("password", "Enter your password to delete your account.")
        elif not self.user.check_password(password):
            self.add_error("password", "That password is not right.")
        return cleaned
