"""Write the example's synthetic 3-month follow-up wave, deterministically (see README.md here).

    uv run python examples/uzbekistan-2020/followup-3m/generate.py

Reads the post-training submissions and registrations one folder up, links each post-training
answer to the registrant it came from (the city of the khokimiyat and the position), and writes:
``survey.xlsx`` (the follow-up XLSForm, declaring its repeated measures and level 3/4 indicators),
``submissions.csv`` (the follow-up answers, laid out as a KoboToolbox export) and ``links.csv``
(which participant gave which answer in each wave, by registration key: what personal links
record when answers come through them). Every answer is invented: nothing here was observed.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import uuid
from pathlib import Path

import openpyxl

from citybridge.registrations.read import read_registrations

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent
SEED = 20210205
OPENS = dt.datetime(2021, 2, 5, 4, 0)  # 91 days after the training's last day, 09:00 in Tashkent
AGREE = ("strongly_agree", "agree", "neutral", "disagree", "strongly_disagree")
# Answering at 3 months: deputies (who ran the cities' follow-up) more often than khokims.
RESPONSE = {"khokim": 0.55, "deputy_khokim": 0.75}
LANGUAGES = ("English (en)", "Uzbek (uz)", "Russian (ru)", "Chinese (zh)")
QUESTIONS = [  # type, name, labels in LANGUAGES' order, required
    ("select_one agree", "partnerships", (
        "As a result of the training, I want to create partnerships with other cities",
        "Ўқув натижасида бошқа шаҳарлар билан ҳамкорлик ўрнатмоқчиман",
        "В результате обучения я хочу установить партнёрство с другими городами",
        "通过培训，我希望与其他城市建立伙伴关系"), "yes"),
    ("select_one agree", "collaborate", (
        "I am interested in collaborating with the UNOSSC Cities Project and its partners",
        "UNOSSC Шаҳарлар лойиҳаси ва унинг ҳамкорлари билан ҳамкорлик қилишдан манфаатдорман",
        "Я заинтересован(а) в сотрудничестве с Проектом городов UNOSSC и его партнёрами",
        "我有兴趣与联合国南南合作办公室城市项目及其伙伴合作"), "yes"),
    ("select_one yesno", "china_interest", (
        "Would your city like to collaborate with cities in China?",
        "Шаҳрингиз Хитой шаҳарлари билан ҳамкорлик қилишни истайдими?",
        "Хотел бы ваш город сотрудничать с городами Китая?",
        "贵市是否希望与中国城市合作？"), "yes"),
    ("select_one yesno", "applied", (
        "Since the training, have you applied in your work something you learned in it?",
        "Ўқувдан кейин унда ўрганганларингиздан бирортасини ишингизда қўлладингизми?",
        "Применили ли вы после обучения в работе что-либо из изученного?",
        "培训后，您是否在工作中应用了所学内容？"), "yes"),
    ("select_one yesno", "partner_activity", (
        "Has your city started a partnership activity (contact, visit or agreement) with a city met through the training?",
        "Шаҳрингиз ўқувда танишган шаҳар билан ҳамкорлик фаолиятини (алоқа, ташриф ёки келишув) бошладими?",
        "Начал ли ваш город совместную деятельность (контакт, визит или соглашение) с городом, с которым познакомился на обучении?",
        "贵市是否已与培训中结识的城市开展合作活动（联系、访问或协议）？"), "yes"),
]  # fmt: skip


def main() -> None:
    rng = random.Random(SEED)
    people = _registrants()
    posts = list(csv.DictReader((EXAMPLE / "submissions.csv").open(encoding="utf-8")))
    links, answers = [], []
    for post in posts:
        key = people[(post["profile/city"], post["profile/position"])]
        links.append(("post-training", post["_uuid"], key))
        if rng.random() >= RESPONSE[post["profile/position"]]:
            continue  # dropped out
        instance = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        links.append(("3 months", instance, key))
        answers.append(_answer(rng, post, instance))
    answers.sort(key=lambda row: row["_submission_time"])
    _write_csv(HERE / "submissions.csv", answers)
    _write_csv(HERE / "links.csv", [dict(zip(("wave", "_uuid", "participant"), link, strict=True)) for link in links])
    _write_form(HERE / "survey.xlsx")
    print(f"{len(posts)} post-training answers linked; {len(answers)} answered at 3 months ({len(posts) - len(answers)} dropped out).")


def _registrants() -> dict[tuple[str, str], str]:
    """(city choice name, position choice name) -> registration key, from the khokimiyat's city."""
    found = {}
    for person in read_registrations(EXAMPLE / "registrations.csv").registrations:
        city = person.organisation.rsplit(" of ", 1)[-1].lower()
        found[(city, person.position.lower().replace(" ", "_"))] = person.key
    return found


def _answer(rng: random.Random, post: dict, instance: str) -> dict:
    """Three months on: enthusiasm fades a little, contacts made since turn some 'no' into 'yes'."""
    china = post["needs/china_interest"]
    china = ("no" if rng.random() < 0.1 else "yes") if china == "yes" else ("yes" if rng.random() < 0.35 else "no")
    learned = post["evaluation/new_knowledge"] in ("strongly_agree", "agree")
    active = rng.random() < (0.35 if china == "yes" else 0.05)
    when = OPENS + dt.timedelta(days=rng.choice((0, 0, 1, 2, 3, 7, 8, 9, 14, 15, 20)), minutes=rng.randrange(600))
    return {
        "_uuid": instance,
        "_submission_time": when.strftime("%Y-%m-%dT%H:%M:%S"),
        "partnerships": _drift(rng, post["evaluation/partnerships"], down=0.25, up=0.15),
        "collaborate": _drift(rng, post["evaluation/collaborate"], down=0.3, up=0.1),
        "china_interest": china,
        "applied": "yes" if rng.random() < (0.7 if learned else 0.3) else "no",
        "partner_activity": "yes" if active else "no",
    }


def _drift(rng: random.Random, answer: str, *, down: float, up: float) -> str:
    if not answer:
        return rng.choice(AGREE[:3])  # the item was skipped after the training; asked again now
    at, draw = AGREE.index(answer), rng.random()
    if draw < down:
        return AGREE[min(at + 1, 4)]
    if draw < down + up:
        return AGREE[max(at - 1, 0)]
    return answer


def _write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _write_form(path: Path) -> None:
    """The follow-up XLSForm: its questions, the post-training form's agree and yes/no lists, settings."""
    source = openpyxl.load_workbook(EXAMPLE / "survey.xlsx", read_only=True)
    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", *(f"label::{language}" for language in LANGUAGES), "required"])
    for kind, name, labels, required in QUESTIONS:
        survey.append([kind, name, *labels, required])
    choices = book.create_sheet("choices")
    for row in source["choices"].iter_rows(values_only=True):
        if row[0] in ("list_name", "agree", "yesno"):
            choices.append(list(row))
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version", "form_title", "default_language", "repeated_measures", "level3", "level4"])
    settings.append([
        "uzbekistan2020_followup_3m", "2021020501", "Three months after the training (synthetic)", "English (en)",
        "partnerships collaborate china_interest", "applied", "partner_activity",
    ])  # fmt: skip
    book.properties.created = book.properties.modified = dt.datetime(2021, 2, 1)  # the same bytes each run
    book.save(path)


if __name__ == "__main__":
    main()
