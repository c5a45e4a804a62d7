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
