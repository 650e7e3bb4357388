"""The “New story from text” form: pasted text or an uploaded .txt file."""

from django import forms

from newsroom.ingest.extraction import extract
from newsroom.ingest.text import MAX_CHARACTERS, IngestError, decode

MAX_UPLOAD_BYTES = MAX_CHARACTERS * 4  # UTF-8 takes up to four bytes a character


class IngestForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        required=False,
        strip=False,
        help_text="Paste one press release or trade story, headline included.",
    )
    upload = forms.FileField(
        label="or upload a .txt file", required=False, help_text="Plain text, UTF-8."
    )

    def clean(self):
        """The extraction of the text, or a message that says why there is none."""
        cleaned = super().clean()
        try:
            text = self.uploaded_text() or cleaned.get("text") or ""
            extraction = extract(text)
        except IngestError as error:
            raise forms.ValidationError(str(error)) from error
        if not extraction.story_quotes:
            raise forms.ValidationError(
                "No quotes found: ingest builds a draft around a release's quotes, and this "
                "text has none with a speaker. Write this story by hand instead."
            )
        cleaned["text"], cleaned["extraction"] = text, extraction
        return cleaned

    def uploaded_text(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return ""
        if upload.size > MAX_UPLOAD_BYTES:
            raise IngestError(
                f"This file is {upload.size / 1_000_000:.1f} MB; ingest takes one article, "
                f"up to {MAX_UPLOAD_BYTES // 1_000_000} MB of text."
            )
        return decode(upload.read())
