from django import forms

from newsroom.core.admin_versions import VersionedModelForm
from newsroom.models import Correction, Revision


class StoryForm(VersionedModelForm):
    """The story's own fields, plus the version the editor opened: a stale save is refused."""

    def stale_message(self):
        return self.instance.stale_save_message()


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish at",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="The desk's time zone. The story is public on every page and feed from then.",
    )


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["kind", "text"]


class PreviewLinkForm(forms.Form):
    hours = forms.TypedChoiceField(
        label="Open for",
        coerce=int,
        choices=[(1, "1 hour"), (24, "24 hours"), (48, "48 hours")],
        initial=24,
    )


class CompareForm(forms.Form):
    """Two revisions of one story, older first whichever way they are picked."""

    older = forms.ModelChoiceField(queryset=Revision.objects.none())
    newer = forms.ModelChoiceField(queryset=Revision.objects.none())

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, **kwargs)
        for field in ("older", "newer"):
            self.fields[field].queryset = story.revisions.all()

    def revisions(self):
        pair = [self.cleaned_data["older"], self.cleaned_data["newer"]]
        return sorted(pair, key=lambda revision: (revision.created_at, revision.pk))
