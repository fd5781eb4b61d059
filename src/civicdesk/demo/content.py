"""Demo inbox content: a few hundred realistic items per seed organisation, in its languages.

The texts are written for the demo (no real person's words); names are invented. Items are spread
over the last four weeks and go through the real ingest and triage, so categories, routes,
deadlines, moderation and diary numbers are the product's own. Older items are then answered or
closed by the demo staff, so the inbox looks like a real morning: a handful new, some overdue.
"""

import random
from datetime import timedelta

from django.utils import timezone

from civicdesk.inbox import work
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.models import Item, Status
from civicdesk.organisations.models import Organisation, Person

PER_ORGANISATION = 240
FIRST_NAMES = [
    "Anna",
    "Erik",
    "Sara",
    "Johan",
    "Fatima",
    "Mohammed",
    "Lena",
    "Nils",
    "Ingrid",
    "Ola",
    "Kari",
    "Sanne",
    "Daan",
    "Eva",
    "Ahmed",
    "Maja",
    "Lars",
    "Sofie",
    "Jonas",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Nilsen",
    "Hansen",
    "de Vries",
    "Jansen",
    "Lindqvist",
    "Haugen",
    "Bakker",
    "Karlsson",
    "Berg",
    "Visser",
    "Ali",
    "Svensson",
]

SV = {
    "question": [
        "Hej! När öppnar återvinningscentralen i helgen?",
        "Vilka tider har biblioteket öppet under sportlovet?",
        "Är skolan stängd i morgon på grund av stormen?",
        "När kommer sophämtningen efter midsommar?",
        "Hur ansöker man om bygglov för ett uterum?",
        "Var kan jag hitta schemat för skolskjutsen till hösten?",
        "Har simhallen öppet på annandag påsk?",
        "När plogas cykelvägen vid Alby friluftsområde?",
    ],
    "praise": [
        "Tack för en fantastisk dag i Alby friluftsområde!",
        "Stort tack till personalen på äldreboendet, ni är guld värda.",
        "Vilken fin konsert på kulturskolan i går, tack!",
        "Bra jobbat med snöröjningen i natt, tack!",
    ],
    "fault_report": [
        "Gatubelysningen på Granängsvägen är trasig sedan i går kväll.",
        "Det är ett stort hål i vägen vid busshållplatsen på Bollmoravägen.",
        "Vattenläcka vid lekplatsen i Trollbäcken, det forsar vatten.",
        "Papperskorgen vid badplatsen är full och trasig.",
    ],
    "political": [
        "Varför röstade Moderaterna emot den nya simhallen i kommunfullmäktige?",
        "Vad tycker Socialdemokraterna om att lägga ner skolan i Brevik?",
    ],
    "opinion": [
        "Kommunen borde satsa mer på cykelvägar i stället för parkeringar.",
        "Jag tycker att biblioteket borde ha öppet längre på kvällarna.",
    ],
    "negative": [
        "Helt värdelös service, ingen svarar någonsin i telefon.",
        "Sämsta kommunen att bo i, allt tar en evighet.",
    ],
    "offensive": [
        "Ni är en jävla idiot hela bunten på kommunhuset.",
        "Håll käften din fitta, ingen bryr sig.",
    ],
    "confidential": [
        "Min son har personnummer 121212-1212, kan ni kolla hans plats i förskolan?",
        "Mitt personnummer är 19121212-1212 och jag väntar fortfarande på beslut om hemtjänst.",
    ],
    "spam": [
        "Köp billiga solglasögon på http://cheap-sunglasses.example nu! Rabattkod SALE50",
        "Tjäna 5000 kr om dagen hemifrån med krypto, klicka här http://rich.example",
    ],
    "message": [
        "Hej, jag vill fråga om min ansökan om bygglov, ärendenummer 2026-341.",
        "Min dotter blir mobbad i skolan, vem kan jag prata med?",
        "Jag vill överklaga beslutet om skolskjuts för min son.",
    ],
    # Posts elsewhere that name the body's account (I10 listening).
    "mention": [
        "Snyggt jobbat @tyresokommun med nya lekplatsen i Trollbäcken!",
        "Vet någon om @tyresokommun hinner ploga Bollmoravägen före morgonrusningen?",
    ],
}

NN = {
    "question": [
        "Når opnar biblioteket igjen etter ferien?",
        "Kva tid kjem bossinnsamlinga i Bø sentrum denne veka?",
        "Er skulen stengd i morgon på grunn av uvêret?",
        "Korleis søkjer ein om barnehageplass til hausten?",
    ],
    "praise": [
        "Tusen takk for ein flott dag i parken!",
        "Takk til alle som brøyta vegane i natt, godt jobba!",
    ],
    "fault_report": [
        "Gatelyset ved skulen er øydelagt, det er heilt mørkt på morgonen.",
        "Det er eit stort hol i vegen ved brua.",
    ],
    "political": ["Kvifor stemte Senterpartiet mot den nye skulen i kommunestyret?"],
    "negative": ["Heilt håplaus kommune, ingen svarar på e-post."],
    "offensive": ["Du er ein jævla idiot og burde fått sparken."],
    "confidential": ["Fødselsnummeret mitt er 01010150155, kan de sjekke saka mi?"],
    "spam": ["Kjøp billige Ray-Ban her http://cheap.example rabattkode 50%"],
    "message": [
        "Hei, eg lurer på korleis det går med byggesøknaden min, saksnummer 26/112.",
        "Sonen min vert mobba på skulen, kven kan eg snakke med?",
    ],
    "mention": ["Flott julemarknad på torget i dag, takk til @bokommune!"],
}

NL = {
    "question": [
        "Hoe laat begint de kerstviering op vrijdag?",
        "Is de school morgen dicht vanwege de studiedag?",
        "Wanneer is de ouderavond van groep 7?",
        "Mogen de kinderen morgen verkleed naar school komen?",
    ],
    "praise": [
        "Wat een leuke foto's van het schoolreisje, bedankt juf!",
        "Super georganiseerd, de sportdag was geweldig!",
    ],
    "negative": [
        "Wat een slechte school is dit geworden, echt waardeloos.",
        "De communicatie van deze school is echt waardeloos.",
    ],
    "offensive": ["Die meester is een kankerlijer, wat een idioot."],
    "confidential": ["Mijn BSN is 111222333, kunnen jullie het dossier van mijn kind opsturen?"],
    "spam": ["Verdien snel geld met bitcoin, klik hier http://snelrijk.example"],
    "message": ["Hallo, mijn kind is ziek vandaag, kan de juf het huiswerk mailen?"],
    "mention": [
        "Wat een mooie musical van groep 8 bij De Klim-op Haaren gisteren!",
        "Weet iemand of basisschool Haaren morgen open is met die sneeuw?",
    ],
}

LANGUAGE_TEXTS = {"sv": SV, "nn": NN, "nb": NN, "nl": NL}
# People do not write the same sentence twice: greetings and sign-offs vary, as in real comments
# (and identical texts would rightly be caught as repeated spam).
OPENINGS = {
    "sv": ["", "Hej! ", "Hej, ", "Hallå! ", "God morgon! "],
    "nn": ["", "Hei! ", "Hei, ", "God morgon! ", "Hallo! "],
    "nl": ["", "Hoi! ", "Hallo, ", "Goedemorgen! ", "Beste school, "],
}
CLOSINGS = {
    "sv": ["", " Tack!", " Mvh {name}", " /{name}", " Tack på förhand, {name}"],
    "nn": ["", " Takk!", " Helsing {name}", " /{name}", " Mvh {name}"],
    "nl": ["", " Bedankt!", " Groetjes, {name}", " Gr. {name}", " Alvast bedankt, {name}"],
}
WEIGHTS = {
    "question": 10,
    "praise": 5,
    "fault_report": 4,
    "political": 2,
    "opinion": 3,
    "negative": 2,
    "offensive": 1,
    "confidential": 1,
    "spam": 1,
    "message": 3,
    "mention": 2,
}


def _raw_items(organisation: Organisation, rng: random.Random, count: int):
    texts = LANGUAGE_TEXTS.get(organisation.language, SV)
    channels = list(organisation.channels.filter(status="active").values_list("slug", flat=True))
    kinds = [k for k in WEIGHTS if k in texts]
    weights = [WEIGHTS[k] for k in kinds]
    now = timezone.now()
    for number in range(count):
        # Every kind at least once, so even a small demo shows each case; then by weight.
        kind = kinds[number] if number < len(kinds) else rng.choices(kinds, weights)[0]
        created = now - timedelta(minutes=rng.randint(5, 28 * 24 * 60))
        private = kind == "message"
        first = rng.choice(FIRST_NAMES)
        name = f"{first} {rng.choice(LAST_NAMES)}"
        channel = rng.choice(channels)
        language = organisation.language if organisation.language in OPENINGS else "sv"
        text = (
            rng.choice(OPENINGS[language])
            + rng.choice(texts[kind])
            + rng.choice(CLOSINGS[language]).format(name=first)
        )
        yield {
            "channel": channel,
            "external_id": f"demo-{organisation.slug}-{number}",
            "kind": kind if kind in ("message", "mention") else "comment",
            "visibility": "private" if private else "public",
            "author": {"id": str(rng.randint(10**8, 10**9)), "name": name, "handle": None},
            "text": text,
            "created_at": created.isoformat(),
            "in_reply_to": None if kind in ("message", "mention") else f"demo-post-{number % 17}",
            "url": f"https://social.example/{channel}/{number}",
            "media": [],
            "language": organisation.language,
        }


def fill_inbox(organisation: Organisation, count: int = PER_ORGANISATION, seed: int = 2026) -> int:
    """Ingest demo items (idempotent: the same ids each time) and work the older ones."""
    rng = random.Random(f"{seed}-{organisation.slug}")  # noqa: S311 - reproducible demo
    created = sum(
        outcome.created
        for outcome in ingest(_raw_items(organisation, rng, count), received_as_created=True)
    )
    if created:
        _work_older_items(organisation, rng)
    return created


def _work_older_items(organisation: Organisation, rng: random.Random) -> None:
    staff = Person.objects.filter(
        organisation=organisation, key__startswith="demo-", user__isnull=False
    ).select_related("user")
    worker = staff.filter(roles__role__in=["information_officer", "customer_service"]).first()
    if worker is None:
        return
    cutoff = timezone.now() - timedelta(days=3)
    older = Item.objects.filter(
        organisation=organisation, received_at__lt=cutoff, status=Status.TRIAGED
    ).select_related("channel", "organisation")
    for item in older.iterator(chunk_size=200):
        if (
            item.route_action in ("answer", "forward", "refer", "acknowledge")
            and rng.random() < 0.85
        ):
            work.reply(worker.user, item, _reply_text(organisation))
        elif rng.random() < 0.9:
            work.close(worker.user, item)


def _reply_text(organisation: Organisation) -> str:
    return {
        "sv": "Tack för din fråga! Du hittar mer information på vår webbplats.",
        "nn": "Takk for spørsmålet! Du finn meir informasjon på nettsida vår.",
        "nl": "Bedankt voor je vraag! Meer informatie staat op onze website.",
    }.get(organisation.language, "Thank you! More information is on our website.")
