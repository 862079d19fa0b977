"""What invitations, reminders and the opt-out page say, in each language participants read.

The texts are kept here as data (not in the organiser pages' gettext catalogues) so that a message
is written in the participant's language whatever language the organiser's session uses.
"""

from __future__ import annotations

DEFAULT = "en"

TEXTS = {
    "en": {
        "invite": "{training}: your follow-up survey",
        "reminder": "Reminder — {training}: your follow-up survey",
        "body": (
            "Dear {name},\n\nYou took part in {training}. We would like to know what has happened since: "
            'please answer the survey "{survey}" at your personal link (about ten minutes):\n\n{link}\n\n'
            "Your answers are compared only with your own earlier answers.\n\n"
            "To receive no more messages about this survey: {opt_out}\n"
        ),
        "opt_out_title": "No more messages",
        "opt_out_ask": "Stop e-mails about the follow-up surveys of {training}?",
        "opt_out_button": "Stop the e-mails",
        "opt_out_done": "Done: you will receive no more e-mails about {training}.",
    },
    "ru": {
        "invite": "{training}: опрос по итогам обучения",
        "reminder": "Напоминание — {training}: опрос по итогам обучения",
        "body": (
            "Уважаемый(ая) {name},\n\nВы участвовали в программе «{training}». Нам важно знать, что "
            "изменилось с тех пор: пожалуйста, ответьте на вопросы опроса «{survey}» по вашей личной "
            "ссылке (около десяти минут):\n\n{link}\n\n"
            "Ваши ответы сравниваются только с вашими же прежними ответами.\n\n"
            "Чтобы больше не получать писем об этом опросе: {opt_out}\n"
        ),
        "opt_out_title": "Больше никаких писем",
        "opt_out_ask": "Прекратить письма об опросах по итогам программы «{training}»?",
        "opt_out_button": "Прекратить письма",
        "opt_out_done": "Готово: вы больше не будете получать писем о программе «{training}».",
    },
    "uz": {
        "invite": "{training}: oʻquvdan keyingi soʻrovnoma",
        "reminder": "Eslatma — {training}: oʻquvdan keyingi soʻrovnoma",
        "body": (
            "Hurmatli {name},\n\nSiz «{training}» dasturida qatnashgansiz. Shundan beri nima oʻzgarganini "
            "bilmoqchimiz: iltimos, «{survey}» soʻrovnomasiga shaxsiy havolangiz orqali javob bering "
            "(taxminan oʻn daqiqa):\n\n{link}\n\n"
            "Javoblaringiz faqat oʻzingizning avvalgi javoblaringiz bilan solishtiriladi.\n\n"
            "Bu soʻrovnoma haqida boshqa xat olmaslik uchun: {opt_out}\n"
        ),
        "opt_out_title": "Boshqa xat yoʻq",
        "opt_out_ask": "«{training}» boʻyicha soʻrovnomalar haqidagi xatlar toʻxtatilsinmi?",
        "opt_out_button": "Xatlarni toʻxtatish",
        "opt_out_done": "Tayyor: «{training}» haqida boshqa xat olmaysiz.",
    },
    "uz-cyrl": {
        "invite": "{training}: ўқувдан кейинги сўровнома",
        "reminder": "Эслатма — {training}: ўқувдан кейинги сўровнома",
        "body": (
            "Ҳурматли {name},\n\nСиз «{training}» дастурида қатнашгансиз. Шундан бери нима ўзгарганини "
            "билмоқчимиз: илтимос, «{survey}» сўровномасига шахсий ҳаволангиз орқали жавоб беринг "
            "(тахминан ўн дақиқа):\n\n{link}\n\n"
            "Жавобларингиз фақат ўзингизнинг аввалги жавобларингиз билан солиштирилади.\n\n"
            "Бу сўровнома ҳақида бошқа хат олмаслик учун: {opt_out}\n"
        ),
        "opt_out_title": "Бошқа хат йўқ",
        "opt_out_ask": "«{training}» бўйича сўровномалар ҳақидаги хатлар тўхтатилсинми?",
        "opt_out_button": "Хатларни тўхтатиш",
        "opt_out_done": "Тайёр: «{training}» ҳақида бошқа хат олмайсиз.",
    },
    "zh-hans": {
        "invite": "{training}：培训后续调查",
        "reminder": "提醒 — {training}：培训后续调查",
        "body": (
            "{name}，您好：\n\n您参加了“{training}”。我们希望了解此后的变化：请通过您的个人链接回答"
            "“{survey}”调查（约十分钟）：\n\n{link}\n\n"
            "您的回答只会与您本人此前的回答进行比较。\n\n"
            "如不希望再收到有关此调查的邮件：{opt_out}\n"
        ),
        "opt_out_title": "不再接收邮件",
        "opt_out_ask": "停止接收“{training}”后续调查的邮件？",
        "opt_out_button": "停止邮件",
        "opt_out_done": "已完成：您将不再收到有关“{training}”的邮件。",
    },
}
ALIASES = {"uz-latn": "uz", "uz_cyrl": "uz-cyrl", "zh": "zh-hans", "zh-cn": "zh-hans"}


def known_language(code: str | None) -> str | None:
    """The language ``code`` names (uz-Latn is uz, zh is zh-hans), or None if messages are not written in it."""
    folded = (code or "").strip().lower().replace("_", "-")
    folded = ALIASES.get(folded, folded)
    return folded if folded in TEXTS else None


def language_of(code: str | None, fallback: str | None = None) -> str:
    """The language a message is written in: the participant's, else the training's, else English."""
    return known_language(code) or known_language(fallback) or DEFAULT


def text(language: str, which: str, **values: str) -> str:
    return TEXTS[language_of(language)][which].format(**values)
