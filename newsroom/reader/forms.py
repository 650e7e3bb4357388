"""The reader site's search box."""

from django import forms


class SearchForm(forms.Form):
    # Long enough for any real query; anything longer is not a search.
    q = forms.CharField(
        label="Search stories, shows and people",
        max_length=200,
        required=False,
        error_messages={"max_length": "Search for at most %(limit_value)d characters."},
    )

    def query(self):
        """The words to search for, or "" when there are none worth searching."""
        if not self.is_valid():
            return ""
        return " ".join(self.cleaned_data["q"].split())
