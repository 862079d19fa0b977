"""Write the example training's survey, registrations and submissions, then check them.

The 2020 training is real; its participants' answers are not public. This script invents people
and answers, deterministically (a seeded RNG, nothing from the network), under one constraint:
every survey figure in ``shared/published-figures.csv`` must come out of the data, the news
article's as of 2020-11-10 and the report's as of 2020-12-14. The counts below are the smallest
whole numbers of respondents that round to those percentages.

    uv run python examples/uzbekistan-2020/generate.py            # write the files here and check them
    uv run python examples/uzbekistan-2020/generate.py --out DIR  # write them elsewhere
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20201106
RESPONDENTS = 52
BY_NEWS_DATE = 34  # submissions received by 2020-11-10: 32/34 = 94%, 24/34 = 71%
NEWS_DATE = dt.date(2020, 11, 10)
REPORT_DATE = dt.date(2020, 12, 14)

# The 35 cities: (choice name, English, Uzbek Cyrillic, population the respondents report).
# Populations are invented: the published mean (790,000) is far above these towns' own size, so
# respondents evidently reported their district or wider area; the figures are set to match.
CITIES = [
    ("namangan", "Namangan", "Наманган", 2_600_000),
    ("bukhara", "Bukhara", "Бухоро", 1_300_000),
    ("khovos", "Khovos", "Ховос", 120_000),
    ("andijan", "Andijan", "Андижон", 1_900_000),
    ("fergana", "Fergana", "Фарғона", 2_000_000),
    ("kokand", "Kokand", "Қўқон", 1_200_000),
    ("margilan", "Margilan", "Марғилон", 600_000),
    ("samarkand", "Samarkand", "Самарқанд", 2_000_000),
    ("navoi", "Navoi", "Навоий", 1_200_000),
    ("karshi", "Karshi", "Қарши", 1_200_000),
    ("termez", "Termez", "Термиз", 1_200_000),
    ("jizzakh", "Jizzakh", "Жиззах", 700_000),
    ("gulistan", "Gulistan", "Гулистон", 400_000),
    ("urgench", "Urgench", "Урганч", 1_500_000),
    ("khiva", "Khiva", "Хива", 400_000),
    ("nukus", "Nukus", "Нукус", 1_500_000),
    ("chirchik", "Chirchik", "Чирчиқ", 800_000),
    ("angren", "Angren", "Ангрен", 400_000),
    ("almalyk", "Almalyk", "Олмалиқ", 400_000),
    ("bekabad", "Bekabad", "Бекобод", 300_000),
    ("shakhrisabz", "Shakhrisabz", "Шаҳрисабз", 600_000),
    ("kattakurgan", "Kattakurgan", "Каттақўрғон", 500_000),
    ("denau", "Denau", "Денов", 500_000),
    ("zarafshan", "Zarafshan", "Зарафшон", 200_000),
    ("chust", "Chust", "Чуст", 400_000),
    ("asaka", "Asaka", "Асака", 400_000),
    ("kuvasoy", "Kuvasoy", "Қувасой", 200_000),
    ("yangiyer", "Yangiyer", "Янгиер", 200_000),
    ("shirin", "Shirin", "Ширин", 100_000),
    ("kagan", "Kagan", "Когон", 300_000),
    ("gijduvan", "Gijduvan", "Ғиждувон", 400_000),
    ("uchkuduk", "Uchkuduk", "Учқудуқ", 100_000),
    ("khanabad", "Khanabad", "Хонобод", 200_000),
    ("rishtan", "Rishtan", "Риштон", 300_000),
    ("akhangaran", "Akhangaran", "Оҳангарон", 300_000),
]

# How a few registrations write their city: scripts and spellings as people type them.
REGISTRATION_SPELLINGS = {
    "bukhara": "Бухоро",
    "namangan": "Namangan shahri",
    "kokand": "Qo'qon",
    "fergana": "Farg'ona",
    "samarkand": "Samarqand",
    "karshi": "Қарши",
}

SECTORS = [
    ("sme", "Small and medium business", "Кичик ва ўрта бизнес"),
    ("trade_investment", "Trade and investment", "Савдо ва инвестициялар"),
    ("digitalisation", "Digitalisation and innovation", "Рақамлаштириш ва инновациялар"),
    ("tourism", "Tourism development", "Туризмни ривожлантириш"),
    (
        "industrial_parks",
        "Industrial development / industrial parks",
        "Саноатни ривожлантириш / саноат парклари",
    ),
    ("vocational_education", "Vocational education", "Касб-ҳунар таълими"),
    ("ppp", "Public-private partnership", "Давлат-хусусий шериклик"),
    ("trade_in_services", "Trade in services", "Хизматлар савдоси"),
    ("urban_planning", "Urban planning", "Шаҳарсозлик"),
    ("self_employment", "Self-employment", "Ўзини ўзи банд қилиш"),
    ("science_technology", "Science and technology", "Фан ва технологиялар"),
]
INDUSTRIES = [
    ("service", "Services", "Хизмат кўрсатиш"),
    ("manufacturing", "Manufacturing", "Ишлаб чиқариш"),
    ("construction", "Construction", "Қурилиш"),
    ("agriculture", "Agriculture", "Қишлоқ хўжалиги"),
    ("trade", "Trade", "Савдо"),
    ("tourism", "Tourism", "Туризм"),
    ("mining", "Mining", "Кончилик"),
]
CHINESE_CITIES = [
    ("shanghai", "Shanghai", "Шанхай"),
    ("guangzhou", "Guangzhou", "Гуанчжоу"),
    ("beijing", "Beijing", "Пекин"),
    ("urumqi", "Urumqi", "Урумчи"),
    ("luoyang", "Luoyang", "Лоян"),
    ("suzhou", "Suzhou", "Сучжоу"),
    ("nanjing", "Nanjing", "Нанкин"),
    ("kunming", "Kunming", "Кунмин"),
    ("sanya", "Sanya", "Санья"),
]
RATING = [
    ("excellent", "Excellent", "Аъло"),
    ("very_good", "Very good", "Жуда яхши"),
    ("good", "Good", "Яхши"),
    ("fair", "Fair", "Қониқарли"),
    ("poor", "Poor", "Ёмон"),
]
AGREE = [
    ("strongly_agree", "Strongly agree", "Тўлиқ қўшиламан"),
    ("agree", "Agree", "Қўшиламан"),
    ("neutral", "Neither agree nor disagree", "Бетараф"),
    ("disagree", "Disagree", "Қўшилмайман"),
    ("strongly_disagree", "Strongly disagree", "Умуман қўшилмайман"),
]
YESNO = [("yes", "Yes", "Ҳа"), ("no", "No", "Йўқ")]
POSITIONS = [("khokim", "Khokim (mayor)", "Ҳоким"), ("deputy_khokim", "Deputy khokim", "Ҳоким ўринбосари")]

# Russian and Chinese (simplified) labels of every choice, by list and choice name; the lists above
# give the English and Uzbek ones (SECTORS and INDUSTRIES stay three-wide: tests/sectors reads them).
CHOICE_TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "city": {
        "namangan": ("Наманган", "纳曼干"),
        "bukhara": ("Бухара", "布哈拉"),
        "khovos": ("Хаваст", "哈瓦斯特"),
        "andijan": ("Андижан", "安集延"),
        "fergana": ("Фергана", "费尔干纳"),
        "kokand": ("Коканд", "浩罕"),
        "margilan": ("Маргилан", "马尔吉兰"),
        "samarkand": ("Самарканд", "撒马尔罕"),
        "navoi": ("Навои", "纳沃伊"),
        "karshi": ("Карши", "卡尔希"),
        "termez": ("Термез", "铁尔梅兹"),
        "jizzakh": ("Джизак", "吉扎克"),
        "gulistan": ("Гулистан", "古利斯坦"),
        "urgench": ("Ургенч", "乌尔根奇"),
        "khiva": ("Хива", "希瓦"),
        "nukus": ("Нукус", "努库斯"),
        "chirchik": ("Чирчик", "奇尔奇克"),
        "angren": ("Ангрен", "安格连"),
        "almalyk": ("Алмалык", "阿尔马雷克"),
        "bekabad": ("Бекабад", "别卡巴德"),
        "shakhrisabz": ("Шахрисабз", "沙赫里萨布兹"),
        "kattakurgan": ("Каттакурган", "卡塔库尔干"),
        "denau": ("Денау", "杰瑙"),
        "zarafshan": ("Зарафшан", "扎拉夫尚"),
        "chust": ("Чуст", "丘斯特"),
        "asaka": ("Асака", "阿萨卡"),
        "kuvasoy": ("Кувасай", "库瓦赛"),
        "yangiyer": ("Янгиер", "扬吉耶尔"),
        "shirin": ("Ширин", "希林"),
        "kagan": ("Каган", "卡甘"),
        "gijduvan": ("Гиждуван", "吉日杜万"),
        "uchkuduk": ("Учкудук", "乌奇库杜克"),
        "khanabad": ("Ханабад", "哈纳巴德"),
        "rishtan": ("Риштан", "里什坦"),
        "akhangaran": ("Ахангаран", "阿汉加兰"),
    },
    "position": {
        "khokim": ("Хоким (мэр)", "市长"),
        "deputy_khokim": ("Заместитель хокима", "副市长"),
    },
    "industry": {
        "service": ("Сфера услуг", "服务业"),
        "manufacturing": ("Промышленное производство", "制造业"),
        "construction": ("Строительство", "建筑业"),
        "agriculture": ("Сельское хозяйство", "农业"),
        "trade": ("Торговля", "商贸"),
        "tourism": ("Туризм", "旅游业"),
        "mining": ("Горнодобывающая промышленность", "采矿业"),
    },
    "sector": {
        "sme": ("Малый и средний бизнес", "中小企业"),
        "trade_investment": ("Торговля и инвестиции", "贸易和投资"),
        "digitalisation": ("Цифровизация и инновации", "数字化与创新"),
        "tourism": ("Развитие туризма", "旅游业发展"),
        "industrial_parks": ("Промышленное развитие / промышленные парки", "工业发展/工业园区"),
        "vocational_education": ("Профессиональное образование", "职业教育"),
        "ppp": ("Государственно-частное партнёрство", "政府和社会资本合作（PPP）"),
        "trade_in_services": ("Торговля услугами", "服务贸易"),
        "urban_planning": ("Градостроительство", "城市规划"),
        "self_employment": ("Самозанятость", "个体经营和灵活就业"),
        "science_technology": ("Наука и технологии", "科学技术"),
    },
    "rating": {
        "excellent": ("Отлично", "优秀"),
        "very_good": ("Очень хорошо", "很好"),
        "good": ("Хорошо", "好"),
        "fair": ("Удовлетворительно", "一般"),
        "poor": ("Плохо", "差"),
    },
    "agree": {
        "strongly_agree": ("Полностью согласен", "非常同意"),
        "agree": ("Согласен", "同意"),
        "neutral": ("Затрудняюсь ответить", "中立"),
        "disagree": ("Не согласен", "不同意"),
        "strongly_disagree": ("Категорически не согласен", "非常不同意"),
    },
    "yesno": {"yes": ("Да", "是"), "no": ("Нет", "否")},
    "china_city": {
        "shanghai": ("Шанхай", "上海"),
        "guangzhou": ("Гуанчжоу", "广州"),
        "beijing": ("Пекин", "北京"),
        "urumqi": ("Урумчи", "乌鲁木齐"),
        "luoyang": ("Лоян", "洛阳"),
        "suzhou": ("Сучжоу", "苏州"),
        "nanjing": ("Нанкин", "南京"),
        "kunming": ("Кунмин", "昆明"),
        "sanya": ("Санья", "三亚"),
    },
}

# Whole-sample counts (n = 52 unless a base is given) that reproduce the published figures.
MATERIALS = {"excellent": 10, "very_good": 21, "good": 18, "fair": 2, "poor": 1}  # 19%, 40%, 94%
EXPECTED_INFO = {"strongly_agree": 40, "agree": 10, "neutral": 2}  # 96%
NEW_KNOWLEDGE = {"strongly_agree": 41, "agree": 7, "neutral": 3, "disagree": 1}  # 92%
PARTNERSHIPS = {"strongly_agree": 30, "agree": 14, "neutral": 6, "disagree": 2}  # 85%
GOOD_PRACTICES = {"strongly_agree": 28, "agree": 13, "neutral": 2}  # 41 of 43 answering: 95%
FUTURE_TRAINING = {"strongly_agree": 20, "agree": 18, "neutral": 10, "disagree": 4}  # 73%
COLLABORATE = {"strongly_agree": 30, "agree": 16, "neutral": 5, "disagree": 1}  # 88%
CHINA_YES = 32  # 62%
AGE_BANDS = {(28, 34): 15, (35, 44): 22, (45, 61): 13}  # of 50 answering: 30%, 44%
INDUSTRY_COUNTS = {
    "service": 34,
    "manufacturing": 33,
    "construction": 22,
    "agriculture": 15,
    "trade": 10,
    "tourism": 6,
    "mining": 3,
}
PRIORITY_COUNTS = {
    "sme": 27,
    "trade_investment": 25,
    "digitalisation": 22,
    "tourism": 22,
    "industrial_parks": 12,
    "vocational_education": 8,
    "ppp": 7,
    "trade_in_services": 5,
    "urban_planning": 4,
    "self_employment": 3,
    "science_technology": 2,
}
PARTNER_COUNTS = {
    "shanghai": 8,
    "guangzhou": 8,
    "beijing": 8,
    "urumqi": 4,
    "luoyang": 3,
    "suzhou": 2,
    "nanjing": 2,
    "kunming": 1,
}
AREA_COUNTS = {
    "industrial_parks": 4,
    "tourism": 3,
    "science_technology": 3,
    "trade_investment": 2,
    "digitalisation": 2,
}
# Of the respondents by 2020-11-10 (34): 32 agreeing on expected information and on collaboration
# (94%), 24 wanting Chinese partner cities (71%).
NEWS_AGREEING, NEWS_CHINA_YES = 32, 24

# One comment per third respondent, each their own words (in the language they wrote in); two
# respondents wrote the same short thanks, as happens in real surveys.
COMMENTS = [
    "The Suzhou Industrial Park case is directly relevant to the small industrial zones we are building.",
    "We would like to learn more about all-in-one tourism for our historical centre.",
    "Please share the slides of the PPP lecture in Uzbek.",
    "Vocational education linked to employers is what our youth needs.",
    "Very useful, thank you.",
    "Маҳаллий бизнесни қўллаб-қувватлаш бўйича тажриба жуда фойдали бўлди.",
    "Хитой шаҳарлари билан ҳамкорлик қилишни истаймиз, айниқса савдо соҳасида.",
    "Digital public services for entrepreneurs should be the next topic.",
    "Опыт Китая по поддержке самозанятых можно применить в нашем городе уже в этом году.",
    "Could the next session cover how to prepare a PPP contract for a district hospital?",
    "Very useful, thank you.",
    "Turizm boʻyicha maʼruza bizning tumanimiz uchun juda dolzarb boʻldi.",
    "Four days were too short for so many topics; two weeks with site visits would help.",
    "Когда будут доступны записи лекций?",
    "Our hokimiyat will draft a small business support programme based on the Nanjing example.",
    "Translation into Uzbek was sometimes hard to follow during the questions.",
    "The comparison of development zones helped us see why our industrial zone attracts few investors.",
    "Iltimos, keyingi treningda raqamli xizmatlar boʻyicha amaliy mashgʻulot oʻtkazing.",
]

FIRST_NAMES = [
    "Aziz",
    "Bobur",
    "Dilshod",
    "Farrukh",
    "Jasur",
    "Kamol",
    "Laziz",
    "Mansur",
    "Nodir",
    "Otabek",
    "Rustam",
    "Sardor",
    "Timur",
    "Ulugbek",
    "Zafar",
    "Dilnoza",
    "Gulnora",
    "Malika",
    "Nilufar",
    "Shahnoza",
    "Feruza",
    "Kamola",
    "Madina",
    "Sevara",
]
LAST_NAMES = [
    "Karimov",
    "Rakhimov",
    "Tursunov",
    "Yusupov",
    "Abdullaev",
    "Ismoilov",
    "Nazarov",
    "Saidov",
    "Ergashev",
    "Mirzaev",
    "Kholmatov",
    "Sobirov",
    "Umarov",
    "Qodirov",
    "Hamidov",
    "Jurayev",
]
PSA = "Public Services Agency under the Ministry of Justice"
PSA_OFFICERS = 6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: this folder)")
    args = parser.parse_args()
    write_all(args.out)
    rows = check(args.out)
    for figure_id, published, reproduced, base in rows:
        print(f"{figure_id:40} published {published:>8} reproduced {reproduced:>8} base {base}")
    print(f"all {len(rows)} survey figures reproduced; files in {args.out}")


def write_all(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    people = registrations(rng)
    (out / "registrations.csv").write_text(_csv(people), encoding="utf-8")
    (out / "survey.xlsx").write_bytes(survey_workbook())
    (out / "submissions.csv").write_text(_csv(submissions(rng, people)), encoding="utf-8")


# --- registrations ----------------------------------------------------------------------------------------


def registrations(rng: random.Random) -> list[dict[str, str]]:
    people, used = [], set()
    for slug, english, _, _ in CITIES:
        for position in ("Khokim", "Deputy khokim"):
            name = _new_name(rng, used)
            people.append(
                _person(
                    rng,
                    name,
                    position,
                    f"Khokimiyat of {english}",
                    REGISTRATION_SPELLINGS.get(slug, english),
                    slug,
                )
            )
    # The agency's officers work for the country, not for a city: their city is left empty, so a
    # count of cities represented gives the 35 the report names.
    for _ in range(PSA_OFFICERS):
        name = _new_name(rng, used)
        people.append(_person(rng, name, "Chief specialist", PSA, "", "psa"))
    return people


def _new_name(rng: random.Random, used: set[str]) -> str:
    while True:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if first in FIRST_NAMES[15:]:
            last = last[:-2] + "ova" if last.endswith("ov") else last + "a"
        name = f"{first} {last}"
        if name not in used:
            used.add(name)
            return name


def _person(rng: random.Random, name: str, position: str, organisation: str, city: str, slug: str) -> dict:
    login = name.lower().replace(" ", ".").replace("'", "")
    has_email = rng.random() < 0.85
    return {
        "name": name,
        "position": position,
        "organisation": organisation,
        "city": city,
        "email": f"{login}@{slug}.example.uz" if has_email else "",
        "phone": ""
        if has_email
        else f"+998 9{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "consent": "yes" if rng.random() < 0.9 else "no",
    }


# --- the survey -------------------------------------------------------------------------------------------

# The form's languages, in column order; every label, hint and constraint message below is a tuple
# in this order.
LANGUAGES = ("English (en)", "Uzbek (uz)", "Russian (ru)", "Chinese (zh)")
BLANK = ("",) * len(LANGUAGES)

SURVEY_HEADER = [
    "type",
    "name",
    *(f"label::{language}" for language in LANGUAGES),
    *(f"hint::{language}" for language in LANGUAGES),
    "required",
    "constraint",
    *(f"constraint_message::{language}" for language in LANGUAGES),
    "relevant",
]

AGREE_ITEMS = [
    (
        "expected_info",
        (
            "This session delivered the information I expected to receive on public services "
            "development and innovation",
            "Ушбу машғулот давлат хизматларини ривожлантириш ва инновациялар бўйича кутган маълумотларимни берди",
            "Занятие дало мне ту информацию о развитии государственных услуг и инновациях, "
            "которую я ожидал(а) получить",
            "本次课程提供了我期望获得的有关公共服务发展与创新的信息",
        ),
        "yes",
    ),
    (
        "new_knowledge",
        (
            "As a result of this session, I gained new knowledge that will be applicable to my work",
            "Машғулот натижасида ишимда қўллай оладиган янги билимларга эга бўлдим",
            "В результате занятия я получил(а) новые знания, которые смогу применить в работе",
            "通过本次课程，我获得了可以应用于工作的新知识",
        ),
        "yes",
    ),
    (
        "partnerships",
        (
            "As a result of this session, I want to create partnerships for improving public services",
            "Машғулот натижасида давлат хизматларини яхшилаш учун шериклик ўрнатмоқчиман",
            "В результате занятия я хочу создавать партнёрства для улучшения государственных услуг",
            "通过本次课程，我希望建立伙伴关系，改善公共服务",
        ),
        "yes",
    ),
    (
        "good_practices",
        (
            "The city perspective and good practices presented were useful and I may use the "
            "lessons and solutions shared",
            "Тақдим этилган шаҳар тажрибаси ва илғор амалиётлар фойдали бўлди",
            "Представленный опыт городов и передовые практики были полезны, и я могу применить "
            "показанные уроки и решения",
            "所介绍的城市经验和良好实践很有用，我可能会借鉴所分享的经验和解决方案",
        ),
        "",
    ),
    (
        "future_training",
        (
            "I am interested in participating in future training workshops",
            "Келгуси ўқув семинарларида иштирок этишга қизиқаман",
            "Мне интересно участвовать в следующих обучающих семинарах",
            "我有兴趣参加今后的培训研讨会",
        ),
        "yes",
    ),
    (
        "collaborate",
        (
            "I am interested in collaborating with the UNOSSC Cities Project, UNDP, GSBE, cities and "
            "partners on South-South and triangular cooperation",
            "ЮНОССС Шаҳарлар лойиҳаси, БМТТД, GSBE ва ҳамкорлар билан Жануб-Жануб ҳамкорлигида ишлашга қизиқаман",
            "Мне интересно сотрудничать с Проектом городов UNOSSC, ПРООН, GSBE, городами и партнёрами "
            "в рамках сотрудничества Юг–Юг и трёхстороннего сотрудничества",
            "我有兴趣与联合国南南合作办公室城市项目、联合国开发计划署、GSBE以及各城市和合作伙伴开展南南合作和三方合作",
        ),
        "yes",
    ),
]


def survey_rows() -> list[list[str]]:
    def row(kind, name, label=BLANK, required="", constraint="", message=BLANK, relevant="", hint=BLANK):
        assert len(label) == len(hint) == len(message) == len(LANGUAGES), name
        return [kind, name, *label, *hint, required, constraint, *message, relevant]

    rows = [
        row(
            "begin group",
            "profile",
            (
                "About you and your city",
                "Сиз ва шаҳрингиз ҳақида",
                "О вас и вашем городе",
                "关于您和您所在的城市",
            ),
        ),
        row("select_one city", "city", ("Your city", "Шаҳрингиз", "Ваш город", "您所在的城市"), "yes"),
        row(
            "select_one position",
            "position",
            ("Your position", "Лавозимингиз", "Ваша должность", "您的职务"),
            "yes",
        ),
        row(
            "integer",
            "age",
            ("Your age", "Ёшингиз", "Ваш возраст", "您的年龄"),
            "",
            ". >= 18 and . <= 80",
            (
                "Age must be between 18 and 80",
                "Ёш 18 дан 80 гача бўлиши керак",
                "Возраст должен быть от 18 до 80 лет",
                "年龄须在18至80岁之间",
            ),
        ),
        row(
            "integer",
            "population",
            (
                "Population of your city and its district",
                "Шаҳрингиз ва туманингиз аҳолиси",
                "Численность населения вашего города и района",
                "您所在城市及其所在区的人口",
            ),
            "yes",
            ". >= 1000 and . <= 5000000",
            (
                "Write the number of inhabitants",
                "Аҳоли сонини ёзинг",
                "Укажите число жителей",
                "请填写居民人数",
            ),
            hint=(
                "Approximate number of inhabitants",
                "Тахминий аҳоли сони",
                "Примерное число жителей",
                "大致的居民人数",
            ),
        ),
        row(
            "select_multiple industry or_other",
            "industries",
            (
                "Main industries of your city",
                "Шаҳрингизнинг асосий тармоқлари",
                "Основные отрасли экономики вашего города",
                "您所在城市的主要产业",
            ),
            "yes",
        ),
        row(
            "select_multiple sector",
            "priorities",
            (
                "Current development priorities of your city",
                "Шаҳрингизнинг ҳозирги ривожланиш устуворликлари",
                "Текущие приоритеты развития вашего города",
                "您所在城市当前的发展重点",
            ),
            "yes",
        ),
        row("end group", ""),
        row(
            "begin group",
            "evaluation",
            ("Evaluation of the training", "Ўқув курсини баҳолаш", "Оценка обучения", "培训评估"),
        ),
        row(
            "select_one rating",
            "materials",
            (
                "How do you rate the webinar materials and contents?",
                "Вебинар материаллари ва мазмунини қандай баҳолайсиз?",
                "Как вы оцениваете материалы и содержание вебинара?",
                "您如何评价网络研讨会的材料和内容？",
            ),
            "yes",
        ),
    ]
    rows += [row("select_one agree", name, label, required) for name, label, required in AGREE_ITEMS]
    rows += [
        row("end group", ""),
        row(
            "begin group",
            "needs",
            ("Partnerships and needs", "Ҳамкорлик ва эҳтиёжлар", "Партнёрство и потребности", "合作与需求"),
        ),
        row(
            "select_one yesno",
            "china_interest",
            (
                "Would your city like to collaborate with cities in China?",
                "Шаҳрингиз Хитой шаҳарлари билан ҳамкорлик қилишни истайдими?",
                "Хотел бы ваш город сотрудничать с городами Китая?",
                "贵市是否希望与中国城市开展合作？",
            ),
            "yes",
        ),
        row(
            "select_multiple china_city",
            "china_cities",
            (
                "Which Chinese cities?",
                "Қайси Хитой шаҳарлари?",
                "С какими городами Китая?",
                "与哪些中国城市合作？",
            ),
            relevant="${china_interest} = 'yes'",
        ),
        row(
            "select_multiple sector",
            "cooperation_areas",
            ("In which areas?", "Қайси соҳаларда?", "В каких сферах?", "在哪些领域合作？"),
            relevant="${china_interest} = 'yes'",
        ),
        row(
            "text",
            "comments",
            ("Comments and suggestions", "Изоҳ ва таклифлар", "Комментарии и предложения", "意见和建议"),
        ),
        row(
            "select_one yesno",
            "consent_quote",
            (
                "May we quote your comments in the report?",
                "Изоҳларингизни ҳисоботда келтиришимиз мумкинми?",
                "Можно ли привести ваши комментарии в отчёте?",
                "我们可以在报告中引用您的意见和建议吗？",
            ),
            "yes",
        ),
        row("end group", ""),
    ]
    return rows


def choice_rows() -> list[list[str]]:
    lists = [
        ("city", [(s, e, u) for s, e, u, _ in CITIES]),
        ("position", POSITIONS),
        ("industry", INDUSTRIES),
        ("sector", SECTORS),
        ("rating", RATING),
        ("agree", AGREE),
        ("yesno", YESNO),
        ("china_city", CHINESE_CITIES),
    ]
    return [
        [list_name, name, en, uz, *CHOICE_TRANSLATIONS[list_name][name]]
        for list_name, options in lists
        for name, en, uz in options
    ]


def survey_workbook() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    for values in [SURVEY_HEADER, *survey_rows()]:
        survey.append(values)
    choices = workbook.create_sheet("choices")
    for values in [["list_name", "name", *(f"label::{language}" for language in LANGUAGES)], *choice_rows()]:
        choices.append(values)
    settings = workbook.create_sheet("settings")
    settings.append(["form_id", "version", "form_title", "default_language"])
    settings.append(
        [
            "uzbekistan2020_evaluation",
            "2020110502",  # 01 had English and Uzbek only
            "Post-training evaluation and needs assessment",
            "English (en)",
        ]
    )
    # Fixed document times keep the file byte-identical from run to run.
    fixed = dt.datetime(2020, 11, 5, 9, 0, 0)
    workbook.properties.created = workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_zip(buffer.getvalue(), fixed)


def _stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite the workbook's zip with fixed member times (openpyxl stamps the time of saving)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the time of saving, whatever was set before.
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            stamped = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, content)
    return out.getvalue()


# --- the submissions --------------------------------------------------------------------------------------


def submissions(rng: random.Random, people: list[dict[str, str]]) -> list[dict[str, str]]:
    officials = [p for p in people if p["organisation"] != PSA]
    respondents = sorted(rng.sample(range(len(officials)), RESPONDENTS))
    rng.shuffle(respondents)
    cities = [CITIES[i // 2] for i in respondents]  # two officials per city, in CITIES order
    positions = ["khokim" if i % 2 == 0 else "deputy_khokim" for i in respondents]
    answers = [dict() for _ in range(RESPONDENTS)]
    _assign_news_split(rng, answers)
    _assign_counts(rng, answers, "materials", MATERIALS)
    _assign_counts(rng, answers, "new_knowledge", NEW_KNOWLEDGE)
    _assign_counts(rng, answers, "partnerships", PARTNERSHIPS)
    _assign_counts(rng, answers, "future_training", FUTURE_TRAINING)
    _assign_counts(rng, answers, "good_practices", GOOD_PRACTICES)  # 9 leave it blank
    _assign_ages(rng, answers)
    _assign_multi(
        rng, answers, range(RESPONDENTS), "industries", INDUSTRY_COUNTS, cover=("service", "manufacturing")
    )
    _assign_multi(
        rng, answers, range(RESPONDENTS), "priorities", PRIORITY_COUNTS, cover=("sme", "trade_investment")
    )
    china = [i for i in range(RESPONDENTS) if answers[i]["china_interest"] == "yes"]
    _assign_multi(rng, answers, china, "china_cities", PARTNER_COUNTS)
    _assign_multi(rng, answers, china, "cooperation_areas", AREA_COUNTS)
    times = _times(rng)
    rows = []
    for i in range(RESPONDENTS):
        a = answers[i]
        comment = COMMENTS[i // 3] if i % 3 == 0 else ""
        rows.append(
            {
                "_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "_submission_time": times[i].strftime("%Y-%m-%dT%H:%M:%S"),
                "profile/city": cities[i][0],
                "profile/position": positions[i],
                "profile/age": a.get("age", ""),
                "profile/population": str(cities[i][3]),
                "profile/industries": " ".join(a.get("industries", [])),
                "profile/industries_other": "",
                "profile/priorities": " ".join(a.get("priorities", [])),
                "evaluation/materials": a["materials"],
                **{f"evaluation/{name}": a.get(name, "") for name, *_ in AGREE_ITEMS},
                "needs/china_interest": a["china_interest"],
                "needs/china_cities": " ".join(a.get("china_cities", [])),
                "needs/cooperation_areas": " ".join(a.get("cooperation_areas", [])),
                "needs/comments": comment,
                "needs/consent_quote": "yes" if comment and i % 2 == 0 else "no",
                "_id": str(107_000_000 + i),
                "_index": str(i + 1),
            }
        )
    return rows


def _assign_news_split(rng: random.Random, answers: list[dict]) -> None:
    """Items the news article reported on 10 November: split between early and late respondents."""
    early, late = range(BY_NEWS_DATE), range(BY_NEWS_DATE, RESPONDENTS)
    for item, counts in (("expected_info", EXPECTED_INFO), ("collaborate", COLLABORATE)):
        agreeing = counts["strongly_agree"] + counts["agree"]
        values = _spread(counts)
        positive = [v for v in values if v in ("strongly_agree", "agree")]
        negative = [v for v in values if v not in ("strongly_agree", "agree")]
        rng.shuffle(positive)
        early_values = positive[:NEWS_AGREEING] + negative[: BY_NEWS_DATE - NEWS_AGREEING]
        late_values = positive[NEWS_AGREEING:agreeing] + negative[BY_NEWS_DATE - NEWS_AGREEING :]
        for group, group_values in ((early, early_values), (late, late_values)):
            rng.shuffle(group_values)
            for i, value in zip(group, group_values, strict=True):
                answers[i][item] = value
    china = (
        ["yes"] * NEWS_CHINA_YES + ["no"] * (BY_NEWS_DATE - NEWS_CHINA_YES),
        ["yes"] * (CHINA_YES - NEWS_CHINA_YES)
        + ["no"] * (RESPONDENTS - BY_NEWS_DATE - CHINA_YES + NEWS_CHINA_YES),
    )
    for group, values in zip((early, late), china, strict=True):
        rng.shuffle(values)
        for i, value in zip(group, values, strict=True):
            answers[i]["china_interest"] = value


def _spread(counts: dict[str, int]) -> list[str]:
    return [value for value, n in counts.items() for _ in range(n)]


def _assign_counts(rng: random.Random, answers: list[dict], item: str, counts: dict[str, int]) -> None:
    values = _spread(counts) + [""] * (RESPONDENTS - sum(counts.values()))
    rng.shuffle(values)
    for answer, value in zip(answers, values, strict=True):
        if value:
            answer[item] = value


def _assign_ages(rng: random.Random, answers: list[dict]) -> None:
    ages = [str(rng.randint(low, high)) for (low, high), n in AGE_BANDS.items() for _ in range(n)]
    ages += [""] * (RESPONDENTS - len(ages))
    rng.shuffle(ages)
    for answer, age in zip(answers, ages, strict=True):
        if age:
            answer["age"] = age


def _assign_multi(rng, answers, pool, item: str, counts: dict[str, int], cover: tuple[str, ...] = ()) -> None:
    """Give each option to exactly its count of respondents in ``pool``.

    With ``cover``, the first two options together reach everyone, so a required question is never
    left empty.
    """
    pool = list(pool)
    chosen: dict[int, set[str]] = {i: set() for i in pool}
    if cover:
        first, second = cover
        holders = set(rng.sample(pool, counts[first]))
        others = [i for i in pool if i not in holders]
        extra = rng.sample(sorted(holders), counts[second] - len(others))
        for i in holders:
            chosen[i].add(first)
        for i in [*others, *extra]:
            chosen[i].add(second)
    for option, n in counts.items():
        if option in cover:
            continue
        for i in rng.sample(pool, n):
            chosen[i].add(option)
    order = list(counts)
    for i in pool:
        answers[i][item] = sorted(chosen[i], key=order.index)


def _times(rng: random.Random) -> list[dt.datetime]:
    """Early respondents on 6–10 November (before 18:00 UTC, so the same day in Tashkent), the rest later."""
    early = [
        dt.datetime(2020, 11, 6, 4) + dt.timedelta(minutes=rng.randint(0, 4 * 24 * 60 + 13 * 60))
        for _ in range(BY_NEWS_DATE)
    ]
    late = [
        dt.datetime(2020, 11, 11, 4) + dt.timedelta(minutes=rng.randint(0, 32 * 24 * 60))
        for _ in range(RESPONDENTS - BY_NEWS_DATE - 1)
    ]
    late.append(dt.datetime(2020, 12, 14, 5, 41))  # the last answer came in on the report's date
    return sorted(early) + sorted(late)


# --- the check --------------------------------------------------------------------------------------------

PUBLISHED = HERE.parents[2] / "shared" / "published-figures.csv"


def reproduced_figures(folder: Path) -> dict[str, tuple[float, int]]:
    """Every survey figure the seeds publish, recomputed from ``folder``'s files: id -> (value, base)."""
    rows = list(csv.DictReader((folder / "submissions.csv").open(encoding="utf-8")))
    news = [r for r in rows if dt.datetime.fromisoformat(r["_submission_time"]).date() <= NEWS_DATE]
    report = [r for r in rows if dt.datetime.fromisoformat(r["_submission_time"]).date() <= REPORT_DATE]
    people = list(csv.DictReader((folder / "registrations.csv").open(encoding="utf-8")))
    figures = {
        "news.expected_info": _share(news, "evaluation/expected_info", {"strongly_agree", "agree"}),
        "news.engage_cities_project": _share(news, "evaluation/collaborate", {"strongly_agree", "agree"}),
        "news.china_cities": _share(news, "needs/china_interest", {"yes"}),
        "report.participants": (len(people), len(people)),
        "report.cities": (len({r["profile/city"] for r in report}), len(report)),
        "report.materials_satisfied": _share(
            report, "evaluation/materials", {"excellent", "very_good", "good"}
        ),
        "report.materials_excellent": _share(report, "evaluation/materials", {"excellent"}),
        "report.materials_very_good": _share(report, "evaluation/materials", {"very_good"}),
        "report.expected_info": _share(report, "evaluation/expected_info", {"strongly_agree", "agree"}),
        "report.expected_info.strongly_agree": _count(report, "evaluation/expected_info", "strongly_agree"),
        "report.expected_info.agree": _count(report, "evaluation/expected_info", "agree"),
        "report.new_knowledge": _share(report, "evaluation/new_knowledge", {"strongly_agree", "agree"}),
        "report.new_knowledge.strongly_agree": _count(report, "evaluation/new_knowledge", "strongly_agree"),
        "report.new_knowledge.agree": _count(report, "evaluation/new_knowledge", "agree"),
        "report.partnerships_interest": _share(
            report, "evaluation/partnerships", {"strongly_agree", "agree"}
        ),
        "report.good_practices_useful": _share(
            report, "evaluation/good_practices", {"strongly_agree", "agree"}
        ),
        "report.future_training": _share(report, "evaluation/future_training", {"strongly_agree", "agree"}),
        "report.collaborate_cities_project": _share(
            report, "evaluation/collaborate", {"strongly_agree", "agree"}
        ),
        "report.population_mean": _mean(report, "profile/population", 10_000),
        "report.age.under_34": _band(report, 0, 34),
        "report.age.35_44": _band(report, 35, 44),
        "report.china_cities": _share(report, "needs/china_interest", {"yes"}),
    }
    for prefix, column, options in (
        (
            "report.industry.",
            "profile/industries",
            {"service": "service", "manufacturing": "manufacturing", "construction": "construction"},
        ),
        (
            "report.priority.",
            "profile/priorities",
            {
                "sme": "sme",
                "trade_investment": "trade_investment",
                "digitalization": "digitalisation",
                "tourism": "tourism",
            },
        ),
        (
            "report.partner.",
            "needs/china_cities",
            {c: c for c in ("shanghai", "guangzhou", "beijing", "urumqi")},
        ),
        (
            "report.area.",
            "needs/cooperation_areas",
            {
                "industrial_development": "industrial_parks",
                "tourism": "tourism",
                "science_technology": "science_technology",
            },
        ),
    ):
        for figure, option in options.items():
            figures[prefix + figure] = _count(report, column, option, multiple=True)
    # Cities represented counts registrations (the report's source), not respondents.
    figures["report.cities"] = (
        len({p["organisation"] for p in people if p["organisation"] != PSA}),
        len(people),
    )
    return figures


def _answered(rows, column):
    return [r[column] for r in rows if r[column].strip()]


def _share(rows, column, positive):
    answered = _answered(rows, column)
    hits = sum(1 for v in answered if v in positive)
    return _percent(hits, len(answered)), len(answered)


def _percent(hits: int, base: int) -> int:
    return int(hits * 100 / base + 0.5)  # round half up, as the published percentages are


def _count(rows, column, option, multiple=False):
    answered = _answered(rows, column)
    hits = sum(1 for v in answered if (option in v.split() if multiple else v == option))
    return hits, len(answered)


def _mean(rows, column, unit):
    values = [int(v) for v in _answered(rows, column)]
    return int(sum(values) / len(values) / unit + 0.5) * unit, len(values)


def _band(rows, low, high):
    ages = [int(v) for v in _answered(rows, "profile/age")]
    return _percent(sum(1 for a in ages if low <= a <= high), len(ages)), len(ages)


def published_survey_figures() -> list[dict[str, str]]:
    """The published figures the example's data must reproduce (those with an as-of date)."""
    with PUBLISHED.open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r["as_of"]]


def check(folder: Path) -> list[tuple[str, str, str, int]]:
    figures = reproduced_figures(folder)
    rows, wrong = [], []
    for figure in published_survey_figures():
        value, base = figures[figure["id"]]
        rows.append((figure["id"], figure["published_value"], str(value), base))
        if str(value) != figure["published_value"]:
            wrong.append(f"{figure['id']}: published {figure['published_value']}, reproduced {value}")
    if wrong:
        sys.exit("figures not reproduced:\n" + "\n".join(wrong))
    return rows


def _csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
