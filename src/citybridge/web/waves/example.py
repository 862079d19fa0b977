"""The example training's synthetic 3-month follow-up (examples/uzbekistan-2020/followup-3m/)."""

from __future__ import annotations

from pathlib import Path

from citybridge.forms.scripts import with_uzbek_latin
from citybridge.web.imports import import_file
from citybridge.web.languages import core_language
from citybridge.web.participate.languages import form_site_language
from citybridge.web.participate.models import SurveyTitle
from citybridge.web.trainings.models import Training
from citybridge.web.waves.models import Wave
from citybridge.web.waves.store import add_wave, link_answers

FOLLOW_UP_DAYS = 91
# The example waves' names as readers of each report language see them.
POST_NAMES = {"ru": "после тренинга", "uz-Latn": "treningdan keyin", "uz-Cyrl": "тренингдан кейин", "zh": "培训结束时"}
FOLLOW_UP_NAMES = {"ru": "через 3 месяца", "uz-Latn": "3 oydan keyin", "uz-Cyrl": "3 ойдан кейин", "zh": "3个月后"}
# The two surveys' titles (the XLSForms' form_title, in English) in each report language.
POST_TITLES = {
    "ru": "Оценка по итогам тренинга и оценка потребностей",
    "uz-Latn": "Trening yakunidagi baholash va ehtiyojlarni baholash",
    "uz-Cyrl": "Тренинг якунидаги баҳолаш ва эҳтиёжларни баҳолаш",
    "zh": "培训结束时的评估与需求评估",
}
FOLLOW_UP_TITLES = {
    "ru": "Три месяца после тренинга (синтетические данные)",
    "uz-Latn": "Treningdan uch oy o‘tib (sintetik ma’lumotlar)",
    "uz-Cyrl": "Тренингдан уч ой ўтиб (синтетик маълумотлар)",
    "zh": "培训结束三个月后（合成数据）",
}


def load_follow_up(training: Training, example: Path) -> tuple[Wave, Wave]:
    """The post-training survey (loaded already) as the first wave, the 3-month follow-up as the
    second, its answers imported and both waves' answers linked to their participants."""
    folder = example / "followup-3m"
    post = add_wave(
        training, example / "survey.xlsx", name="post-training", names=POST_NAMES, kind="post", opens_on=training.ends_on
    )
    follow = add_wave(
        training, folder / "survey.xlsx", name="3 months", names=FOLLOW_UP_NAMES, kind="follow-up",
        offset_days=FOLLOW_UP_DAYS, earlier=post,
    )  # fmt: skip
    for wave, titles in ((post, POST_TITLES), (follow, FOLLOW_UP_TITLES)):
        _store_titles(wave, titles)
    import_file(follow.survey, folder / "submissions.csv")
    for wave in (post, follow):
        link_answers(wave, folder / "links.csv")
    return post, follow


def _store_titles(wave: Wave, titles: dict[str, str]) -> None:
    """The survey's title for each language of its form that ``titles`` (core language -> title) has."""
    form = with_uzbek_latin(wave.survey.current_version().form())  # as the titles form lists them
    for key in form.languages:
        title = titles.get(core_language(form_site_language(form, key)))
        if title:
            SurveyTitle.objects.update_or_create(survey=wave.survey, language=key, defaults={"title": title})
