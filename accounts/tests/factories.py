import factory

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    target_role = "Backend engineer"
    password = factory.PostGenerationMethodCall("set_password", "a-Strong-practice-pass-42")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
