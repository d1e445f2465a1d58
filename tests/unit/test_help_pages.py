"""Tests that F1 has its own page for the revalidation, search and collation screens and the new forms."""

from myrole.ui.help_pages import FORM, page_for


def test_the_new_screens_and_forms_have_their_own_help():
    for screen in ("RevalidationScreen", "SearchScreen", "CollationScreen"):
        assert page_for(screen, is_form=False) not in ("", FORM)
    for form in ("StatementItemDialog", "AccountDialog"):
        page = page_for(form, is_form=True)
        assert page.startswith(FORM) and len(page) > len(FORM)
