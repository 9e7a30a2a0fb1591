"""The core of the case model (docs/arkitektur.md: Appar, `bistand/`).

Organisation, staff, persons, households, the Akt, the journal, legal references, dated
parameters, the access log and the deadline mechanism (Bevakning). Business rules live in
`services.py` (writes), `selectors.py` (reads) and `access.py` (who may see what), never in
`save()` or signals (docs/arkitektur.md: Kodstil).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .falt import AktIdLista


class Namnd(models.Model):
    """The board (nämnd) that is responsible for social assistance in the municipality."""

    namn = models.CharField("namn", max_length=200, unique=True)
    kommun = models.CharField("kommun", max_length=100)
    adress = models.CharField("besöksadress", max_length=200, blank=True)
    postadress = models.CharField("postadress", max_length=200, blank=True)
    telefon = models.CharField("telefon", max_length=40, blank=True)
    telefontid = models.CharField("telefontid", max_length=200, blank=True)
    epost = models.EmailField("e-post", blank=True)
    forvaltningsratt = models.CharField(
        "förvaltningsrätt",
        max_length=100,
        blank=True,
        help_text="Den domstol som prövar överklaganden av nämndens beslut, till exempel "
        "Förvaltningsrätten i Göteborg. Skrivs i besvärshänvisningen.",
    )

    # socialtjänstförordning (2025:468) 13 kap. 1 §: the whole municipality is kept for
    # research (municipalities in the counties the förordning names).
    gallring_forskningskommun = models.BooleanField(
        "hela kommunen undantas från gallring (forskning)",
        default=False,
        help_text="Gäller kommuner i de län som socialtjänstförordningen 13 kap. 1 § räknar upp.",
    )

    class Meta:
        verbose_name = "nämnd"
        verbose_name_plural = "nämnder"

    def __str__(self) -> str:
        return self.namn


class Enhet(models.Model):
    """A unit of the nämnd that works with cases; staff and Akter belong to one."""

    namnd = models.ForeignKey(Namnd, on_delete=models.PROTECT, related_name="enheter")
    namn = models.CharField("namn", max_length=200)
    kod = models.SlugField("kod", max_length=40, unique=True)

    class Meta:
        verbose_name = "enhet"
        verbose_name_plural = "enheter"
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn


class Roll(models.TextChoices):
    """Staff roles, stored as auth groups with these names (docs/arkitektur.md: Roller)."""

    HANDLAGGARE = "Handläggare", "Handläggare"
    FORSTE = "Förste socialsekreterare", "Förste socialsekreterare"
    ENHETSCHEF = "Enhetschef", "Enhetschef"
    # Above the units: handles synpunkter about an enhetschef and follows every unit.
    AVDELNINGSCHEF = "Avdelningschef", "Avdelningschef"
    KONTAKTCENTER = "Kontaktcenter", "Kontaktcenter"
    KVALITET = "Kvalitet", "Kvalitet"
    ADMINISTRATOR = "Administratör", "Administratör"
    # Keeps payees, runs the payment file, imports the bank's reconciliation; attests only
    # with the permission `utbetalning.attestera` (docs/regler.md: Utbetalning och återkrav).
    EKONOMIASSISTENT = "Ekonomiassistent", "Ekonomiassistent"


# Roles that work with cases belong to an Enhet; the others belong to the nämnd.
ENHETSROLLER = frozenset({Roll.HANDLAGGARE, Roll.FORSTE, Roll.ENHETSCHEF})
NAMNDROLLER = frozenset(
    {
        Roll.KONTAKTCENTER,
        Roll.KVALITET,
        Roll.ADMINISTRATOR,
        Roll.EKONOMIASSISTENT,
        Roll.AVDELNINGSCHEF,
    }
)


class User(AbstractUser):
    """A staff user. Applicants log in to the e-tjänst as persons, not as staff users."""

    namnd = models.ForeignKey(
        Namnd, on_delete=models.PROTECT, null=True, blank=True, related_name="personal"
    )
    enhet = models.ForeignKey(
        Enhet, on_delete=models.PROTECT, null=True, blank=True, related_name="personal"
    )
    befattning = models.CharField(
        "befattning",
        max_length=100,
        blank=True,
        help_text="Titeln som skrivs ut med namnet, t.ex. i överlämnandet till "
        "förvaltningsrätten: socialsekreterare, förste socialsekreterare, enhetschef.",
    )

    class Meta:
        verbose_name = "användare"
        verbose_name_plural = "användare"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def namn_och_befattning(self) -> str:
        """ "Hanna Lind, socialsekreterare": how a signing official is named to a court."""
        namn = self.get_full_name() or self.username
        return f"{namn}, {self.befattning}" if self.befattning else namn


class Session(AbstractBaseSession):
    """Django's database session — the same key, data and expiry — with whom it is for beside
    the data: the staff user, her second-factor device and the applicant of the e-tjänst. The
    session is read with the three joined, so a request reads them in one query
    (bistand.inlasning; docs/prestanda.md: Sessionen och vem den är för).

    The three are copies written from the data whenever the session is saved, and the data
    decides: each is used only when it is the one the data names, and is read by its own
    query otherwise. No database constraint ties them, so a user, device or person removed
    leaves a session that simply names nobody."""

    anvandare = models.ForeignKey(
        User,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    tvastegsenhet = models.ForeignKey(
        "otp_totp.TOTPDevice",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    person = models.ForeignKey(
        "Person",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "session"
        verbose_name_plural = "sessioner"

    @classmethod
    def get_session_store_class(cls):
        # Import cycle: bistand.inlasning reads this model (through the session store).
        from .inlasning import SessionStore

        return SessionStore


class GrunddataVersion(models.Model):
    """One row: a number every write to the grunddata tables bumps (PostgreSQL triggers), so
    a process can keep those tables' rows in memory while it is unchanged
    (bistand.grunddataversion; docs/prestanda.md: Grunddata i minnet)."""

    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "bistand_grunddataversion"
        verbose_name = "grunddataversion"

    def __str__(self) -> str:
        return f"Grunddata, version {self.version}"


class Aktandring(models.Model):
    """A change to something an Akt's pages show, one row per Akt and writing statement, written
    by PostgreSQL triggers only and packed every night (bistand.sidminne; docs/prestanda.md:
    Sidor i minnet). Kept without a foreign key: the row only names the Akt."""

    akt_id = models.BigIntegerField()

    class Meta:
        db_table = "bistand_aktandring"
        verbose_name = "aktändring"
        indexes = [models.Index(fields=["akt_id", "id"], name="bistand_aktandring_akt")]

    def __str__(self) -> str:
        return f"Ändring {self.pk} i akt {self.akt_id}"


class IdTyp(models.TextChoices):
    PERSONNUMMER = "personnummer", "Personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer", "Samordningsnummer"
    RESERVNUMMER = "reservnummer", "Reservnummer"


class Skydd(models.TextChoices):
    """Skyddade personuppgifter (docs/regler.md: Andra regler; Navet codes 01003 and 01020)."""

    INGET = "inget", "Inget skydd"
    SEKRETESSMARKERING = "sekretessmarkering", "Sekretessmarkering"
    SKYDDAD_FOLKBOKFORING = "skyddad_folkbokforing", "Skyddad folkbokföring"


def personens_namn(fornamn: str, efternamn: str) -> str:
    """A person's name as every page writes it: first name, then family name. For rows read as
    plain values as for `Person` itself (docs/prestanda.md: Tabellrader)."""
    return f"{fornamn} {efternamn}"


class Person(models.Model):
    """A person known to the social services: applicant, co-applicant, child or other adult.

    `identitet` holds a 12-digit personnummer or samordningsnummer (validated in the service
    with python-stdnum), or a locally issued reservnummer for a person who has neither.
    """

    identitet = models.CharField("identitet", max_length=20, unique=True)
    id_typ = models.CharField("typ av nummer", max_length=20, choices=IdTyp.choices)
    fornamn = models.CharField("förnamn", max_length=100)
    efternamn = models.CharField("efternamn", max_length=100)
    fodelsedatum = models.DateField("födelsedatum")
    skydd = models.CharField(
        "skyddade personuppgifter", max_length=30, choices=Skydd.choices, default=Skydd.INGET
    )
    adress = models.CharField("adress", max_length=200, blank=True)
    postnummer = models.CharField("postnummer", max_length=10, blank=True)
    ort = models.CharField("ort", max_length=100, blank=True)
    telefon = models.CharField("telefon", max_length=40, blank=True)
    epost = models.EmailField("e-post", blank=True)
    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        constraints = [
            models.CheckConstraint(
                condition=Q(id_typ__in=IdTyp.values), name="person_id_typ_giltig"
            ),
            models.CheckConstraint(
                condition=Q(skydd__in=Skydd.values), name="person_skydd_giltigt"
            ),
        ]
        # Every access query asks whether a household holds a protected person
        # (`bistand.access.skyddad_medlem_finns`); the few protected rows are found in this
        # partial index instead of a scan of every person (docs/prestanda.md: Åtkomstkontrollen).
        indexes = [
            models.Index(fields=["skydd"], name="person_skyddad", condition=~Q(skydd="inget"))
        ]

    def __str__(self) -> str:
        return personens_namn(self.fornamn, self.efternamn)

    @property
    def namn(self) -> str:
        return personens_namn(self.fornamn, self.efternamn)

    @property
    def identitet_visning(self) -> str:
        """YYYYMMDD-NNNN for personnummer and samordningsnummer."""
        if self.id_typ == IdTyp.RESERVNUMMER:
            return self.identitet
        return f"{self.identitet[:8]}-{self.identitet[8:]}"

    @property
    def skyddad(self) -> bool:
        return self.skydd != Skydd.INGET


class Hushall(models.Model):
    """A household: the people who live together, with dated memberships."""

    skapad = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hushåll"
        verbose_name_plural = "hushåll"

    def __str__(self) -> str:
        return f"Hushåll {self.pk}"


class MedlemsRoll(models.TextChoices):
    SOKANDE = "sokande", "Sökande"
    MEDSOKANDE = "medsokande", "Medsökande"
    BARN = "barn", "Barn"
    # Shares the home and its common costs, but is not part of the assistance unit and has no
    # part in, and no access to, the case.
    OVRIG_VUXEN = "ovrig_vuxen", "Övrig vuxen i bostaden"


class Boende(models.TextChoices):
    BOR = "bor", "Bor i hushållet"
    UMGANGE = "umgange", "Umgänge"


class HushallMedlem(models.Model):
    """A person's dated membership of a household.

    A child may belong to two households (lives in one, visits the other for umgänge).
    """

    hushall = models.ForeignKey(Hushall, on_delete=models.CASCADE, related_name="medlemmar")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="medlemskap")
    roll = models.CharField("roll", max_length=20, choices=MedlemsRoll.choices)
    boende = models.CharField("boende", max_length=10, choices=Boende.choices, default=Boende.BOR)
    umgangesdagar = models.PositiveSmallIntegerField(
        "umgängesdagar per månad", null=True, blank=True
    )
    fran = models.DateField("från")
    till = models.DateField("till", null=True, blank=True)

    class Meta:
        verbose_name = "hushållsmedlem"
        verbose_name_plural = "hushållsmedlemmar"
        ordering = ["hushall", "roll", "person__fodelsedatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(roll__in=MedlemsRoll.values), name="medlem_roll_giltig"
            ),
            models.CheckConstraint(
                condition=Q(boende=Boende.BOR, umgangesdagar__isnull=True)
                | Q(
                    boende=Boende.UMGANGE,
                    roll=MedlemsRoll.BARN,
                    umgangesdagar__gte=1,
                    umgangesdagar__lte=31,
                ),
                name="medlem_umgange_endast_barn_med_dagar",
            ),
            models.CheckConstraint(
                condition=Q(till__isnull=True) | Q(till__gte=models.F("fran")),
                name="medlem_till_efter_fran",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_roll_display()})"


class Akt(models.Model):
    """The assistance unit's file: holds its ansökningar and journal.

    Linked to every person who has been a member of its household (through the dated
    memberships), so per-person views keep working when households change.
    """

    aktnummer = models.CharField("aktnummer", max_length=20, unique=True)
    # No index of its own: `akt_enhet_handlaggare` below begins with the Enhet.
    enhet = models.ForeignKey(Enhet, on_delete=models.PROTECT, related_name="akter", db_index=False)
    hushall = models.OneToOneField(Hushall, on_delete=models.PROTECT, related_name="akt")
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="akter",
        verbose_name="handläggare",
    )
    skapad = models.DateTimeField(auto_now_add=True)

    # SoL (2025:400) 16 kap. 2 §: the Akt holds documents that are never culled.
    gallras_aldrig = models.CharField(
        "handlingar som aldrig gallras",
        max_length=200,
        blank=True,
        help_text="Till exempel faderskap, adoption eller placering (SoL 16 kap. 2 §).",
    )

    class Meta:
        verbose_name = "akt"
        verbose_name_plural = "akter"
        ordering = ["aktnummer"]
        indexes = [
            # An Enhet's Akter, and its handläggare's own and unassigned ones (the worklist, the
            # start page's count, the access rule), with the household the protected-identity
            # check joins on and the id: read from the index alone (docs/prestanda.md: Index).
            # The included columns are PostgreSQL's; elsewhere it is an index on the two.
            models.Index(
                fields=["enhet", "handlaggare"],
                include=["hushall", "id"],
                name="akt_enhet_handlaggare",
            ),
        ]
        permissions = [
            ("visa_skyddad_akt", "Får se akt med skyddade personuppgifter (uttrycklig behörighet)")
        ]

    def __str__(self) -> str:
        return self.aktnummer


class Kontakttyp(models.TextChoices):
    BESOK = "besok", "Besök"
    TELEFON = "telefon", "Telefon"
    EPOST = "epost", "E-post"
    ETJANST = "etjanst", "E-tjänst"
    BREV = "brev", "Brev"
    INTERN = "intern", "Intern anteckning"


# The kinds' names by their stored codes, as `get_kontakttyp_display` gives them, for journal
# rows read as plain values (docs/prestanda.md: Tabellrader).
KONTAKTTYP_NAMN = dict(Kontakttyp.choices)


class JournalAnteckning(models.Model):
    """A journal entry, written and signed by a person (docs/regler.md: Journal; SOSFS 2014:5).

    Once signed it is immutable: a database trigger refuses UPDATE and DELETE of a signed row.
    A correction is a new entry pointing at the one it corrects.
    """

    akt = models.ForeignKey(Akt, on_delete=models.PROTECT, related_name="journal")
    kontakttyp = models.CharField("kontakttyp", max_length=10, choices=Kontakttyp.choices)
    handelse_datum = models.DateField("datum för kontakten")
    text = models.TextField("text")
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    signerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signerad = models.DateTimeField(null=True, blank=True)
    rattar = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rattelser",
        verbose_name="rättar anteckning",
    )
    till_enskilde = models.BooleanField(
        "till den enskilde",
        default=False,
        help_text="Bara en anteckning till den enskilde kan visas på Mina sidor; "
        "en intern anteckning stannar i akten (docs/regler.md: intern anteckning).",
    )

    class Meta:
        verbose_name = "journalanteckning"
        verbose_name_plural = "journalanteckningar"
        ordering = ["handelse_datum", "skapad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kontakttyp__in=Kontakttyp.values), name="journal_kontakttyp_giltig"
            ),
            models.CheckConstraint(
                condition=Q(signerad__isnull=True, signerad_av__isnull=True)
                | Q(signerad__isnull=False, signerad_av__isnull=False),
                name="journal_signering_komplett",
            ),
            models.CheckConstraint(
                condition=~Q(kontakttyp="intern", till_enskilde=True),
                name="journal_intern_ej_till_enskilde",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.akt} {self.handelse_datum} {self.get_kontakttyp_display()}"


class Lagrum(models.Model):
    """A legal reference printed on decisions and letters (docs/regler.md: Lagar och källor).

    Never hard-coded in views or templates; `verifierad` says whether it was read in the source.
    """

    kod = models.SlugField("kod", max_length=60)
    text = models.CharField("hänvisning", max_length=300)
    beskrivning = models.CharField("vad det gäller", max_length=300, blank=True)
    giltig_fran = models.DateField("gäller från")
    kalla = models.CharField("källa", max_length=300)
    verifierad = models.BooleanField("verifierad", default=False)

    class Meta:
        verbose_name = "lagrum"
        verbose_name_plural = "lagrum"
        ordering = ["kod", "-giltig_fran"]
        constraints = [
            models.UniqueConstraint(fields=["kod", "giltig_fran"], name="lagrum_kod_datum_unik")
        ]

    def __str__(self) -> str:
        return self.text


class Parameter(models.Model):
    """A dated figure, keyed by the date it takes effect (as OpenFisca does; docs/regler.md:
    Grundregler).

    The value in force on a day is the row with the latest `giltig_fran` on or before it.
    """

    kod = models.SlugField("kod", max_length=80)
    giltig_fran = models.DateField("gäller från")
    varde = models.DecimalField("värde", max_digits=12, decimal_places=2)
    beskrivning = models.CharField("beskrivning", max_length=300)
    kalla = models.CharField("källa", max_length=300)
    verifierad = models.BooleanField("verifierad", default=False)

    class Meta:
        verbose_name = "parameter"
        verbose_name_plural = "parametrar"
        ordering = ["kod", "-giltig_fran"]
        constraints = [
            models.UniqueConstraint(fields=["kod", "giltig_fran"], name="parameter_kod_datum_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kod} från {self.giltig_fran}: {self.varde}"


class Atkomstlogg(models.Model):
    """One row per read of case data (docs/regler.md: Åtkomst; GDPR art. 32).

    A read of one Akt (or person) names it in `akt_id` (`person_id`); a staff list page's view
    is one row whose `akt_ids` holds every Akt it showed, `akt_id` empty (docs/regler.md:
    Åtkomst, "En lista är en läsning"). Append-only: a database trigger refuses UPDATE and
    DELETE. Ids are kept without foreign keys so the log outlives what it refers to.
    """

    tidpunkt = models.DateTimeField(auto_now_add=True, db_index=True)
    anvandare_id = models.BigIntegerField("användar-id", null=True)
    anvandarnamn = models.CharField("användare", max_length=150)
    akt_id = models.BigIntegerField("akt-id", null=True, db_index=True)
    person_id = models.BigIntegerField("person-id", null=True, db_index=True)
    akt_ids = AktIdLista("akter i listan", null=True, blank=True)
    sida = models.CharField("sida", max_length=100)
    sokvag = models.CharField("sökväg", max_length=500, blank=True)
    beviljad = models.BooleanField("beviljad")

    class Meta:
        verbose_name = "åtkomstloggrad"
        verbose_name_plural = "åtkomstlogg"
        ordering = ["-tidpunkt"]

    def __str__(self) -> str:
        utfall = "beviljad" if self.beviljad else "nekad"
        return f"{self.tidpunkt:%Y-%m-%d %H:%M} {self.anvandarnamn} {self.sida} ({utfall})"


class BevakningStatus(models.TextChoices):
    AKTIV = "aktiv", "Aktiv"
    UPPFYLLD = "uppfylld", "Uppfylld"
    OVERSKRIDEN = "overskriden", "Överskriden"
    MAKULERAD = "makulerad", "Makulerad"


class Bevakning(models.Model):
    """A deadline to watch (docs/arkitektur.md: Periodiska jobb): its kind, the Akt, the object it
    concerns, the owner.

    A deadline may concern an object outside any Akt (a synpunkt's answer, an IVO matter, a
    statistics delivery): then `akt` is empty, and only the owner and the owner's enhetschef
    see it (docs/regler.md: "Bevakning utan akt").

    Apps create them through `bistand.services.bevakning_skapa` and meet them through
    `bevakning_uppfyll`; the periodic scan (jobs issue) marks those past due as överskriden.
    Kinds are registered in `bistand.bevakning.TYPER`.
    """

    typ = models.CharField("typ", max_length=50)
    akt = models.ForeignKey(
        Akt, on_delete=models.PROTECT, null=True, blank=True, related_name="bevakningar"
    )
    objekt_typ = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    objekt_id = models.BigIntegerField(null=True, blank=True)
    objekt = GenericForeignKey("objekt_typ", "objekt_id")
    agare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bevakningar",
        verbose_name="ägare",
    )
    forfaller = models.DateField("förfaller")
    status = models.CharField(
        "status", max_length=15, choices=BevakningStatus.choices, default=BevakningStatus.AKTIV
    )
    beskrivning = models.CharField("beskrivning", max_length=300, blank=True)
    skapad = models.DateTimeField(auto_now_add=True)
    avslutad = models.DateTimeField("uppfylld eller makulerad", null=True, blank=True)
    overskriden_tid = models.DateTimeField("markerad överskriden", null=True, blank=True)

    class Meta:
        verbose_name = "bevakning"
        verbose_name_plural = "bevakningar"
        ordering = ["forfaller"]
        indexes = [
            # By state and due date, then id: the deadline scan's batches and the dashboard's
            # lists read them in (forfaller, id) order, and with the id in the index a LIMIT
            # stops after its rows instead of sorting a whole day's (docs/prestanda.md:
            # Bevakningsskanningen).
            models.Index(fields=["status", "forfaller", "id"], name="bevakning_status_forfaller"),
            # The bevakningar of one object (fulfilling them, the väntetid figures per ansökan).
            models.Index(fields=["objekt_id", "typ"], name="bevakning_objekt_typ"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BevakningStatus.values), name="bevakning_status_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.typ} {self.forfaller} ({self.get_status_display()})"


class Notis(models.Model):
    """An in-app notice to a staff user (a deadline passed, something to act on).

    Says only that something needs attention and links to it; the page behind the link checks
    access as always.
    """

    mottagare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notiser"
    )
    text = models.CharField("text", max_length=300)
    lank = models.CharField("länk", max_length=300, blank=True)
    bevakning = models.ForeignKey(
        Bevakning, on_delete=models.CASCADE, null=True, blank=True, related_name="notiser"
    )
    skapad = models.DateTimeField(auto_now_add=True)
    last = models.DateTimeField("läst", null=True, blank=True)

    class Meta:
        verbose_name = "notis"
        verbose_name_plural = "notiser"
        ordering = ["-skapad"]
        indexes = [models.Index(fields=["mottagare", "last"], name="notis_mottagare_last")]
        constraints = [
            models.UniqueConstraint(
                fields=["mottagare", "bevakning"],
                condition=Q(bevakning__isnull=False),
                name="notis_en_per_bevakning_och_mottagare",
            )
        ]

    def __str__(self) -> str:
        return self.text


class Flytt(models.TextChoices):
    """Where a payment day that falls on a day off is moved."""

    FOREGAENDE = "foregaende", "Närmast föregående bankdag"
    NASTA = "nasta", "Närmast följande bankdag"


class Veckodag(models.IntegerChoices):
    MANDAG = 0, "måndag"
    TISDAG = 1, "tisdag"
    ONSDAG = 2, "onsdag"
    TORSDAG = 3, "torsdag"
    FREDAG = 4, "fredag"


class Utbetalningsregel(models.Model):
    """A recurring payment day of the nämnd, dated (docs/regler.md: Utbetalningskalender).

    Either a day of the month (the ordinary monthly payment, e.g. the 25th, moved to the
    previous bank day when it falls on a day off) or a weekday (the extra weekly runs for
    decisions made between the monthly days). A rule applies from `giltig_fran` up to and
    including `giltig_till`; the nämnd may hold several rules at once.
    """

    namnd = models.ForeignKey(Namnd, on_delete=models.CASCADE, related_name="utbetalningsregler")
    manadsdag = models.PositiveSmallIntegerField(
        "dag i månaden",
        null=True,
        blank=True,
        help_text="1–31; i en kortare månad används månadens sista dag.",
    )
    veckodag = models.PositiveSmallIntegerField(
        "veckodag", null=True, blank=True, choices=Veckodag.choices
    )
    flytt = models.CharField(
        "om dagen inte är en bankdag",
        max_length=12,
        choices=Flytt.choices,
        default=Flytt.FOREGAENDE,
    )
    giltig_fran = models.DateField("gäller från")
    giltig_till = models.DateField("gäller till och med", null=True, blank=True)
    beskrivning = models.CharField("beskrivning", max_length=200, blank=True)

    class Meta:
        verbose_name = "utbetalningsregel"
        verbose_name_plural = "utbetalningsregler"
        ordering = ["namnd", "giltig_fran", "manadsdag", "veckodag"]
        constraints = [
            models.CheckConstraint(
                condition=Q(manadsdag__isnull=False, veckodag__isnull=True)
                | Q(manadsdag__isnull=True, veckodag__isnull=False),
                name="utbetalningsregel_manadsdag_eller_veckodag",
            ),
            models.CheckConstraint(
                condition=Q(manadsdag__isnull=True) | Q(manadsdag__gte=1, manadsdag__lte=31),
                name="utbetalningsregel_manadsdag_1_31",
            ),
            models.CheckConstraint(
                condition=Q(veckodag__isnull=True) | Q(veckodag__gte=0, veckodag__lte=4),
                name="utbetalningsregel_veckodag_vardag",
            ),
            models.CheckConstraint(
                condition=Q(flytt__in=Flytt.values), name="utbetalningsregel_flytt_giltig"
            ),
            models.CheckConstraint(
                condition=Q(giltig_till__isnull=True) | Q(giltig_till__gte=models.F("giltig_fran")),
                name="utbetalningsregel_till_efter_fran",
            ),
        ]

    def __str__(self) -> str:
        if self.manadsdag:
            return f"Den {self.manadsdag} varje månad ({self.get_flytt_display().lower()})"
        return f"Varje {self.get_veckodag_display()}"

    def clean(self):
        if (self.manadsdag is None) == (self.veckodag is None):
            raise ValidationError("Ange antingen en dag i månaden eller en veckodag, inte båda.")


class Utbetalningsdag(models.Model):
    """An explicit change to the nämnd's payment calendar for one date.

    `extra`: an added payment day (e.g. before Christmas); otherwise the date is cancelled as
    a payment day (a rule's day that the nämnd moves, docs/regler.md: Utbetalningskalender).
    An added day must be a bank day.
    """

    namnd = models.ForeignKey(Namnd, on_delete=models.CASCADE, related_name="utbetalningsdagar")
    datum = models.DateField("datum")
    extra = models.BooleanField(
        "extra utbetalningsdag",
        default=True,
        help_text="Ikryssad: en extra utbetalningsdag. Ej ikryssad: dagen är inställd.",
    )
    beskrivning = models.CharField("beskrivning", max_length=200, blank=True)

    class Meta:
        verbose_name = "utbetalningsdag (undantag)"
        verbose_name_plural = "utbetalningsdagar (undantag)"
        ordering = ["namnd", "datum"]
        constraints = [
            models.UniqueConstraint(fields=["namnd", "datum"], name="utbetalningsdag_unik")
        ]

    def __str__(self) -> str:
        return f"{self.datum} ({'extra' if self.extra else 'inställd'})"

    def clean(self):
        # Import cycle: bistand.kalender imports the models at the top.
        from .kalender import ar_arbetsdag

        if self.extra and self.datum and not ar_arbetsdag(self.datum):
            raise ValidationError(
                {"datum": "En extra utbetalningsdag måste vara en bankdag (inte helg eller afton)."}
            )


# ---- Gallring (SoL 2025:400 16 kap.; docs/regler.md: Gallring och registerutdrag) --------------


class Gallringsforslag(models.Model):
    """One proposed culling for a nämnd: the job proposes, an avdelningschef approves or stops
    it, and the report (one row per person) is kept whatever the outcome. Never silent."""

    class Status(models.TextChoices):
        FORESLAGEN = "foreslagen", "Föreslagen – väntar på granskning"
        GODKAND = "godkand", "Godkänd"
        AVBRUTEN = "avbruten", "Avbruten"

    namnd = models.ForeignKey(Namnd, on_delete=models.PROTECT, related_name="gallringsforslag")
    bedomningsdag = models.DateField("bedömd per")
    skapad = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.FORESLAGEN
    )
    granskad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    granskad = models.DateTimeField("granskad", null=True, blank=True)
    kommentar = models.TextField("kommentar", blank=True)
    # The record of the execution: when, and how many rows of each kind were removed (counts
    # only, no case data).
    verkstalld = models.DateTimeField("verkställd", null=True, blank=True)
    raderat = models.JSONField("borttaget", default=dict, blank=True)

    class Meta:
        verbose_name = "gallringsförslag"
        verbose_name_plural = "gallringsförslag"
        ordering = ["-skapad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["foreslagen", "godkand", "avbruten"]),
                name="gallringsforslag_status_giltig",
            ),
            models.UniqueConstraint(
                fields=["namnd"],
                condition=Q(status="foreslagen"),
                name="gallringsforslag_ett_oppet_per_namnd",
            ),
        ]

    def __str__(self) -> str:
        return f"Gallring {self.bedomningsdag:%Y-%m-%d} ({self.get_status_display()})"


class Gallringsrad(models.Model):
    """The report's row for one person: culled or kept, why, and under which rule."""

    class Atgard(models.TextChoices):
        GALLRAS = "gallras", "Gallras"
        BEVARAS = "bevaras", "Bevaras"

    forslag = models.ForeignKey(Gallringsforslag, on_delete=models.PROTECT, related_name="rader")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept in the report after the person's data are culled: birth date and the Akter only.
    fodelsedatum = models.DateField("födelsedatum")
    aktnummer = models.CharField("akter", max_length=200)
    atgard = models.CharField("åtgärd", max_length=8, choices=Atgard.choices)
    skal = models.CharField("skäl", max_length=300)
    lagrum = models.CharField("lagrum", max_length=120)
    senaste_anteckning = models.DateField("senaste anteckning", null=True, blank=True)
    gallras_senast_ar = models.PositiveSmallIntegerField("gallras senast år", null=True, blank=True)

    class Meta:
        verbose_name = "gallringsrad"
        verbose_name_plural = "gallringsrader"
        ordering = ["atgard", "fodelsedatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(atgard__in=["gallras", "bevaras"]), name="gallringsrad_atgard_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_atgard_display()}: {self.aktnummer}"


# ---- Registerutdrag (GDPR art. 15; docs/regler.md: Gallring och registerutdrag) ----------------


class Registerutdrag(models.Model):
    """A person's request for a copy of everything held about her. A staff member reviews the
    assembled extract before it is released; the one-month limit is a Bevakning."""

    class Status(models.TextChoices):
        BEGARD = "begard", "Begärt – granskas"
        UTLAMNAT = "utlamnat", "Utlämnat"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="registerutdrag")
    begard = models.DateTimeField("begärt", auto_now_add=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default="begard")
    granskad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    utlamnat = models.DateTimeField("utlämnat", null=True, blank=True)
    sokvag = models.CharField("lagrad som", max_length=300, blank=True)

    class Meta:
        verbose_name = "registerutdrag"
        verbose_name_plural = "registerutdrag"
        ordering = ["-begard"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["begard", "utlamnat"]), name="registerutdrag_status_giltig"
            ),
        ]

    def __str__(self) -> str:
        return f"Registerutdrag {self.begard:%Y-%m-%d}"


class Utelamning(models.Model):
    """A row of a registerutdrag the reviewer leaves out, and why (docs/regler.md:
    Registerutdrag): secret towards the applicant (OSL 26 kap. 5 §) or about another person
    (OSL 26 kap. 1 §). The extract shows "Uppgift utelämnad" with the reason in its place. The
    row is named by a hash of its section, label and text; the text itself is not stored."""

    class Skal(models.TextChoices):
        SEKRETESS = "sekretess", "Sekretess i förhållande till den enskilde (OSL 26 kap. 5 §)"
        ANNAN_PERSON = "annan_person", "Uppgift om en annan person (OSL 26 kap. 1 §)"

    utdrag = models.ForeignKey(
        Registerutdrag, on_delete=models.CASCADE, related_name="utelamningar"
    )
    nyckel = models.CharField("rad", max_length=64)
    rubrik = models.CharField("avsnitt", max_length=200)
    etikett = models.CharField("rad i avsnittet", max_length=200)
    skal = models.CharField("skäl", max_length=12, choices=Skal.choices)
    motivering = models.TextField("motivering", blank=True)
    av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tid = models.DateTimeField("utelämnad", auto_now_add=True)

    class Meta:
        verbose_name = "utelämnad uppgift"
        verbose_name_plural = "utelämnade uppgifter"
        ordering = ["tid"]
        constraints = [
            models.UniqueConstraint(fields=["utdrag", "nyckel"], name="utelamning_en_per_rad"),
            models.CheckConstraint(
                condition=Q(skal__in=["sekretess", "annan_person"]), name="utelamning_skal_giltigt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rubrik}: {self.etikett}"


class Handelsetyp(models.Model):
    """A kind of case-history event (reference data): its Swedish label and whether the applicant
    sees it in Mina sidor. Each app declares its kinds in its `handelsetyper.py`; the loader
    (`bistand.grunddata`) inserts missing ones and never overwrites what an administrator changed.
    """

    kod = models.CharField("kod", max_length=60, primary_key=True)
    namn = models.CharField("benämning", max_length=200)
    synlig_for_sokande = models.BooleanField("visas för sökande", default=False)
    app = models.CharField("del av systemet", max_length=40)
    beskrivning = models.CharField("beskrivning", max_length=300, blank=True)

    class Meta:
        verbose_name = "händelsetyp"
        verbose_name_plural = "händelsetyper"
        ordering = ["app", "kod"]

    def __str__(self) -> str:
        return self.namn


class Handelse(models.Model):
    """One event of the Akt's case history: what happened, when, by whom (docs/arkitektur.md:
    Flöde).

    Written only through `bistand.handelser.handelse_registrera`, in the same transaction as
    the change it records. Immutable: a database trigger refuses UPDATE and DELETE. `av` is a
    staff user, `av_person` the applicant (or another person); neither means the system.
    `ansokan_id` is kept without a foreign key so the core depends on no app.
    """

    typ = models.ForeignKey(Handelsetyp, on_delete=models.PROTECT, related_name="+")
    akt = models.ForeignKey(Akt, on_delete=models.PROTECT, related_name="handelser")
    ansokan_id = models.BigIntegerField("ansökan", null=True, blank=True, db_index=True)
    objekt_typ = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    objekt_id = models.BigIntegerField(null=True, blank=True)
    objekt = GenericForeignKey("objekt_typ", "objekt_id")
    av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="av (personal)",
    )
    av_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="av (person)",
    )
    tidpunkt = models.DateTimeField("tidpunkt", default=timezone.now)
    text = models.CharField("text", max_length=300, blank=True)
    data = models.JSONField("uppgifter", default=dict, blank=True)

    class Meta:
        verbose_name = "händelse"
        verbose_name_plural = "händelser"
        ordering = ["tidpunkt", "pk"]
        indexes = [models.Index(fields=["akt", "tidpunkt"], name="handelse_akt_tidpunkt")]

    def __str__(self) -> str:
        return f"{self.tidpunkt:%Y-%m-%d %H:%M} {self.typ_id}"


class Medgivande(models.Model):
    """A grant to one staff user to reach an Akt that holds a protected identity, with a
    reason and an end date; ended by hand or by the periodic job after the end date.

    The django-guardian object permission `bistand.visa_skyddad_akt` is the mechanism; this
    row is its record: who gave it, why, until when, and who ended it (OSL 21 kap. 3 §;
    docs/regler.md: Behörighet och skyddade personuppgifter).
    """

    akt = models.ForeignKey(Akt, on_delete=models.PROTECT, related_name="medgivanden")
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="medgivanden"
    )
    skal = models.TextField("skäl")
    till = models.DateField("gäller till och med")
    beviljat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    beviljat = models.DateTimeField("givet", auto_now_add=True)
    aterkallat = models.DateTimeField("upphörde", null=True, blank=True)
    aterkallat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aterkallat_skal = models.CharField("varför det upphörde", max_length=200, blank=True)

    class Meta:
        verbose_name = "behörighet till skyddad akt"
        verbose_name_plural = "behörigheter till skyddade akter"
        ordering = ["-beviljat"]

    def __str__(self) -> str:
        return f"{self.anvandare} – {self.akt} till {self.till:%Y-%m-%d}"


class Inskick(models.Model):
    """One submitted form: the key the form carried, unique, and the object it made
    (docs/regler.md: Ett inskick blir ett). A double click, a resent POST or two requests at
    the same moment with the same key make the object once; the second gets the first's."""

    nyckel = models.UUIDField("nyckel", unique=True)
    typ = models.CharField("vad som skickades", max_length=60)
    objekt_id = models.PositiveBigIntegerField("skapat objekt", null=True, blank=True)
    skapad = models.DateTimeField("skickat", auto_now_add=True)

    class Meta:
        verbose_name = "inskick"
        verbose_name_plural = "inskick"

    def __str__(self) -> str:
        return f"{self.typ} {self.nyckel}"
