"""表示設定 stored by the code each app declares (counter.registry.UserSetting): the four
juki choices move from columns of StaffUser into display_settings, values kept."""

from django.db import migrations, models

CODES = ("hide_honseki", "hide_kojin_bango", "hide_juminhyo_code", "hide_zairyu")


def to_json(apps, schema_editor):
    StaffUser = apps.get_model("counter", "StaffUser")
    for user in StaffUser.objects.all():
        chosen = {code: True for code in CODES if getattr(user, code)}
        if chosen:
            user.display_settings = chosen
            user.save(update_fields=["display_settings"])


def to_columns(apps, schema_editor):
    StaffUser = apps.get_model("counter", "StaffUser")
    for user in StaffUser.objects.all():
        for code in CODES:
            setattr(user, code, bool((user.display_settings or {}).get(code)))
        user.save(update_fields=list(CODES))


class Migration(migrations.Migration):
    dependencies = [
        ("counter", "0004_registry_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="staffuser",
            name="display_settings",
            field=models.JSONField(blank=True, default=dict, verbose_name="表示設定"),
        ),
        migrations.RunPython(to_json, to_columns),
        *(migrations.RemoveField(model_name="staffuser", name=code) for code in CODES),
    ]
