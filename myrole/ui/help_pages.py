"""Provides the words F1 shows first on each screen and form: what it is for and how to use it.

A key is written {key:ID} with its binding's id (bindings.py), so the page names the key the person has now
(fill_keys with ui.keys.key_for; the usual keys when none is given). {key:form.save} and {key:form.cancel} are
the save and close keys of the form F1 was pressed on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from myrole.ui.bindings import SCREEN_KEYS

KEY = re.compile(r"\{key:([\w.-]+)\}")
# A form's usual keys (each form has its own ids) and the app's own, for a page read without the app.
USUAL_KEYS = {"form.save": "ctrl+s", "form.cancel": "escape", "app.help": "f1", "app.quit": "ctrl+q"}
MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\*_`"})  # a key such as * must not start bold text

FORM_TEXT = """\
This is a form. **Tab** moves to the next field and **shift+tab** back. **{key:form.save}** saves;
**{key:form.cancel}** closes it: if you typed something, myrole asks whether to keep it as a draft.
What you type is kept as you go, so nothing is lost if the computer stops."""

PAGES: dict[str, str] = {
    "HomeScreen": """\
Home shows your commitments, what is due for a check-in, and a map of where your work sits: for each
lens (down the side) and mode (across the top), how many active commitments you have, counting too
each reflection you tagged with that lens and mode at its end.
Move with the arrow keys; **Enter** opens the highlighted commitment.""",
    "ReflectionScreen": """\
A reflection asks one question at a time. Write as much or as little as you like: each answer is
saved as you type. You can skip a question, come back later, and choose who may see each answer
(only you, unless you say otherwise). When an answer gives you an idea for something to do,
turn it into a commitment.""",
    "CommitmentScreen": """\
One commitment: what you said you would do, how often you check in on it, its check-ins so far
and its history. Check in to say how it is going; pause it, put off the next reminder
("Remind me later", {key:commitment.snooze}), or change what you will do
("Change the plan", {key:commitment.renegotiate}) when things change. A done or dropped commitment can be reopened.""",
    "HistoryScreen": """\
Your past reflections, newest first, and the commitments you have finished or dropped.
**Enter** opens one to read it. **{key:history.older_year}** and **{key:history.newer_year}** jump to the year
before or after; **{key:history.year}** shows the reflections of one year.""",
    "ReflectionRecord": """\
One past reflection, question by question. **Tab** moves between answers. You can change who
may see an answer, or correct what it says (the old words are removed, not kept).""",
    "OneToOneScreen": """\
Getting ready for a one-to-one with your line manager. The agenda holds only what you marked
for your manager or the group you share with. Add talking points, support you need, notes and
agreed actions; mark the meeting agreed when you have both seen it.""",
    "SettingsDialog": """\
Your settings, kept on this computer. **Who sees something new you write, at first** is where
each new answer, commitment and one-to-one point starts (you can still change each one); a
check-in starts as its commitment is. **The group's name** is who gets the commitments you mark
alliance, without your name. **The first day of your week** orders the days in "How often to
check in". **Colours** changes the look at once. **{key:form.save}** saves; **{key:form.cancel}** closes.""",
    "ExportScreen": """\
Make a summary to keep or share. Choose the format (a web page, Markdown text, JSON data or a PDF)
and who it is for: you, your line manager, or the group you share commitments with (without
your name). The preview shows the start of exactly what will be written.""",
    "RevalidationScreen": """Where you stand for revalidation: your NMC written reflective accounts in this three-year cycle
(the NMC asks for five), continuing professional development (CPD) hours (the NMC asks for 35, of which
20 learning with others; the HCPC sets no hours), your HCPC summary of practice
(**{key:revalidation.summary}**) and the activities your HCPC statement draws on (**{key:revalidation.pick-activity}** adds
one, **Enter** edits it, **{key:revalidation.take-out}** takes it out). Make an account from History: open a reflection,
then **{key:record.nmc_account}**; **{key:record.cpd_details}** sets its CPD details. **{key:revalidation.write}** writes the NMC
document or the HCPC profile to a file. None of this is ever in a file for your manager or the group you share with.""",
    "StatementItemDialog": FORM_TEXT + """

One activity in your HCPC statement: what it was, what you learnt, how it improved your practice,
how it benefited the people you work for, and where the evidence is. The counter shows this
activity's words and the whole statement's (at most 1,500; the evidence is not counted). Write so
no one could be recognised.""",
    "AccountDialog": FORM_TEXT + """

An NMC written reflective account, on the NMC form's shape. Each part starts from your
reflection's answers: change anything. Choose the themes of the Code it relates to. Write so no
one could be recognised: no names, dates of birth, wards or rare conditions.""",
    "SearchScreen": """Search everything you wrote: type words; **{key:search.to_results}** moves to the results, and **Enter** on a
result opens it. Only your own records are searched; nothing leaves this computer.""",
    "CollationScreen": """For an organiser: type a folder of people's alliance files to see one report from them. Counts below the
threshold are hidden (and enough others that none can be worked out), and each person counts once
however many files they sent. Only alliance files are read: a personal or manager file is refused.""",
}


def usual_key(binding_id: str) -> str:
    """The key a binding has when no keymap moves it, as a sentence names it (ctrl+s, ?, [)."""
    from myrole.ui.keys import key_words

    own = {binding_id: keys for binding_id, keys, *_ in SCREEN_KEYS} | USUAL_KEYS
    return key_words(own[binding_id].split(",")[0].strip())


def fill_keys(text: str, key: Callable[[str], str] = usual_key) -> str:
    """text with each {key:ID} replaced by the key that binding has (key(ID))."""
    return KEY.sub(lambda found: key(found.group(1)).translate(MARKDOWN), text)


FORM = fill_keys(FORM_TEXT)  # the words for any form, with its usual keys


def page_for(screen_name: str, is_form: bool, key: Callable[[str], str] = usual_key) -> str:
    """What F1 says first on this screen: its own page, the words for any form, or nothing; each key named as
    key(binding id) names it (the usual keys unless given)."""
    if screen_name in PAGES:
        return fill_keys(PAGES[screen_name], key)
    return fill_keys(FORM_TEXT, key) if is_form else ""
