"""Provides the help screen (F1): the screen it was opened over first, then the whole guide.

The guide is the framework in brief, how myrole works, who sees what, the keys and a glossary. Every key in it
and in the screen's own page is named as the person has it now (help_pages.fill_keys with ui.keys.key_for).
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown
from rich.theme import Theme
from textual.app import ComposeResult
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Header, Static

from myrole.ui import bindings
from myrole.ui.widgets.footer import KeysFooter, in_binding_order
from myrole.ui.widgets.reading import ReadingScroll
from myrole.ui.fresh_screen import FreshScreen

HELP = """\
# Help

## The framework
myrole follows the structure of **My role in tackling health inequalities** by The King's Fund
(2021, Durka Dougall and David Buck). Health inequalities are unfair, avoidable and systematic
differences in health between groups of people. The framework says everyone in health and care
has a part to play, large or small. The questions in myrole are our own words.

It asks you to look through **six lenses** (six places to look for your part): yourself; patients and people who use services;
teams, pathways and services; communities and networks; systems; and nurturing the future.
And in **three modes** (three ways to play your part): *raise awareness* (notice and learn,
help others see), *take action* (do something concrete where you work) and *optimise advocacy*
(speak up for change: use your voice and contacts to influence others).

Read the framework: https://www.kingsfund.org.uk/insight-and-analysis/reports/tackling-health-inequalities-framework-allied-health-professionals

## How myrole works
1. **Reflect**: answer questions lens by lens. Answers are saved as you type.
2. **Commit**: turn one to three answers into concrete commitments.
3. **Check in**: myrole reminds you when a check-in is due.
4. **One-to-one**: bring what you share to your line manager (**{key:home.one_to_one}** on home). The agenda holds
   only what is marked manager or alliance. Points not closed carry forward to the next one;
   once marked agreed, the record is read-only except that **{key:one_to_one.correction}** corrects what an item says.
5. **Export**: a summary for you, your line manager or the group you share with (**{key:home.export}** on home). The
   preview shows the start of exactly what will be written, and points out anything that looks like patient data.

## Who sees what
Every answer and commitment says who may see it, in words:
- **private**: only you (the default for reflections);
- **manager**: you and your line manager, in one-to-ones and manager summaries;
- **alliance**: your line manager, as above, and for a commitment also your organisation's
  inequalities group (its name is the `collective_name` setting, taken from an event file or set
  with `myrole event collective NAME`), which coordinates action on inequalities and supports staff
  with theirs. It sees only a summary you export for it and send yourself: each alliance
  commitment's title, lens, mode, tags, status, target month and quarter, event and topic, and as
  numbers its newest progress and how many check-ins, under a random key, without your name,
  organisation or notes. Answers, check-in notes and one-to-one notes never go in it.

Keep reflections anonymous: no patient names, dates of birth or NHS numbers.

## Keys
- Home: **{key:home.reflect}** reflect, **{key:home.checkin}** check in, **{key:home.new_commitment}** new commitment,
  **{key:home.history}** history (past reflections, and done or dropped commitments), **{key:home.one_to_one}**
  one-to-one, **{key:home.export}** export, **{key:home.profile}** your details, **{key:home.revalidation}**
  revalidation, **{key:home.drafts}** unsaved drafts, **{key:home.search}** search, **{key:home.help}** help,
  **ctrl+p** all commands.
- Reflection: **{key:reflection.next}** next, **{key:reflection.back}** back, **{key:reflection.skip}** skip,
  **{key:reflection.hint}** hint, **{key:reflection.visibility}** who can see, **{key:reflection.commit}** make a
  commitment from this answer, **{key:reflection.finish}** finish, **{key:reflection.leave}** leave (saved).
- One-to-one: **{key:one_to_one.talking_point}** talking point, **{key:one_to_one.support}** support you need,
  **{key:one_to_one.note}** note, **{key:one_to_one.action}** agreed action, **{key:one_to_one.to_commitment}** make
  the action a commitment, **{key:one_to_one.visibility}** who can see it, **{key:one_to_one.close}** close,
  **{key:one_to_one.dates}** dates, **{key:one_to_one.mark_agreed}** mark agreed, **{key:one_to_one.correction}**
  correct what an item says (also once agreed), **{key:one_to_one.past}** past one-to-ones.
- Corrections: an answer in History (open the reflection, **tab** to the answer, **{key:record.correct}**), a
  check-in on its commitment (**{key:commitment.correct_checkin}**), a one-to-one item
  (**{key:one_to_one.correction}**). The old text is not kept anywhere in your records.
- Export: **{key:export.format}** next format, **{key:export.audience}** who it is for, **{key:export.write}** write
  the file, **{key:export.back}** back.
- Forms: **tab** next field, **{key:form.save}** save, **{key:form.cancel}** cancel.
- Anywhere: **{key:app.help}** help, **ctrl+p** all commands and themes, **{key:app.quit}** quit.
- A key you moved in settings.toml is named here where you moved it (a form's own keys are under "Keys here"
  when you press F1 on it). `myrole keys` lists every key, and `docs/settings.md` says how to move one.

## Words myrole uses
- **Lens**: one of six ways of looking at your work, from yourself to the wider system.
- **Mode**: how you act through a lens: *raise awareness* (notice, learn, help others see),
  *take action* (do something where you work), *optimise advocacy* (speak up for change:
  use your voice and contacts to influence others).
- **Reflection**: a sitting where you answer a set of questions (a **question set**).
- **Commitment**: something concrete you will do, with how often you will check in on it.
- **Check-in**: a short note on how a commitment is going, with a progress score.
- **Remind me later** (**{key:commitment.snooze}**): put off the next check-in reminder by a day or a week.
- **Pause**: stop the reminders until a date, without giving up.
- **Change the plan** (**{key:commitment.renegotiate}**): change what you committed to, saying why.
- **Drop**: stop a commitment for good, saying why.
- **Who can see**: *private* (only you), *manager* (you and your line manager), or *alliance*
  (also the group you share commitments with, without your name).
- **Your records** (your myrole file): where everything you write is kept, on this computer
  only (`myrole where` shows it).
- **Export**: make a copy of a summary as a file, to keep or to send (a web page, Markdown text,
  a PDF, or JSON data for other programs).
- **Settings** (ctrl+p, Settings): who sees new things you write, your group's name, the first
  day of your week, and the colours.
"""

# A form's save and close keys, by the actions its bindings run (a form names its bindings' ids itself).
FORM_ACTIONS = {"form.save": ("save", "start"), "form.cancel": ("cancel", "skip", "dismiss_none")}


# Rich colours Markdown's parts from its own theme (cyan numbers, magenta headings, code on black),
# whatever the app's theme; here they keep only their shape, so the guide reads in every theme and with NO_COLOR.
SHAPES_ONLY = Theme({
    "markdown.code": "bold", "markdown.code_block": "none", "markdown.block_quote": "italic",
    "markdown.list": "none", "markdown.item.number": "bold", "markdown.h1": "bold underline",
    "markdown.h2": "bold underline", "markdown.h3": "bold", "markdown.h4": "italic",
    "markdown.link": "underline", "markdown.link_url": "underline", "markdown.table.border": "none",
    "markdown.table.header": "bold", "markdown.kbd": "bold",
})


class Guide(Markdown):
    """Help text (our own Markdown) drawn as one widget's content in the app's colours.

    Textual's Markdown widget makes a widget of every paragraph and list item (about 190 for the guide), and
    styling and laying them out took about 1 s of CPU to open help; drawn by Rich as one Static it takes about
    a tenth of that (docs/performance.md, "Opening screens").
    """

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        with console.use_theme(SHAPES_ONLY):
            yield from super().__rich_console__(console, options)


class HelpScreen(FreshScreen, Screen[None]):
    """Help for the screen it was opened over: that screen first, then its keys, then the guide."""

    DEFAULT_CSS = """
    HelpScreen #help-text { padding: 0 1; }
    """
    BINDINGS = bindings.for_screen("help")

    def __init__(self, over: Screen | None = None) -> None:
        super().__init__()
        self.over = over

    def compose(self) -> ComposeResult:
        yield Header()
        with ReadingScroll(id="help-body"):  # focusable, so the arrow keys and page keys scroll it
            yield Static(Guide(self.page()), id="help-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def page(self) -> str:
        """This screen's help and its keys as they are now (after any keymap), then the whole guide."""
        from myrole.ui.help_pages import fill_keys, page_for

        guide = fill_keys(HELP, self.key_named)
        if self.over is None:
            return guide
        from myrole.ui.drafts import DraftForm

        parts = ["# Help: this screen",
                 page_for(type(self.over).__name__, isinstance(self.over, DraftForm), self.key_named)]
        keys = self.keys_here()
        if keys:
            parts += ["## Keys here", keys]
        parts.append(guide.replace("# Help\n", "# The whole guide\n", 1))
        return "\n\n".join(p for p in parts if p)

    def key_named(self, binding_id: str) -> str:
        """The key binding_id has now (after the person's keymap), as a sentence names it; form.save and
        form.cancel name the save and close keys of the form underneath, if it is one."""
        from myrole.ui.help_pages import usual_key
        from myrole.ui.keys import class_bindings, key_for

        node: DOMNode = self
        if binding_id in FORM_ACTIONS:
            owner = type(self.over) if self.over is not None else None
            found = next((b.id for b in (class_bindings(owner) if owner else ())
                          if b.id and b.action in FORM_ACTIONS[binding_id]), None)
            if found is None or self.over is None:
                return usual_key(binding_id)
            binding_id, node = found, self.over
        try:
            return key_for(node, binding_id)
        except KeyError:
            return usual_key(binding_id)

    def keys_here(self) -> str:
        """The keys that work on the screen underneath, one line each, with the keys the person set."""
        lines = []
        seen: set[str] = set()
        if self.over is None:
            return ""
        for key, active in in_binding_order(list(self.over.active_bindings.items())):
            binding = active.binding
            if not (binding.id and binding.description) or binding.description in seen:  # ours, not scrolling
                continue
            seen.add(binding.description)
            lines.append(f"- **{self.app.get_key_display(binding) or key}**: {binding.description}")
        return "\n".join(lines)
