"""The OpenAPI 3.1 description of the public API, served at `/api/openapi.json` (docs/regler.md:
Beräkning)."""

from __future__ import annotations

from typing import Any

from .berakning import BARN, INKOMSTTYPER, KOSTNADER, MEDSOKANDE, RADTYP_GRUPP, ROLLER, SOKANDE
from .underlag import (
    FEL_BARN_21,
    FEL_EN_AV_ROLLEN,
    FEL_HUSHALLSGEMENSKAP_ENSAM,
    FEL_INGEN_SOKANDE,
    FEL_INKOMST_PERSON,
    FEL_UMGANGE_BARA_BARN,
    FLEST_I_HUSHALLSGEMENSKAP,
    FLEST_INKOMSTER,
    FLEST_MANADER,
    FLEST_PERSONER,
    STORSTA_BELOPP,
)

KRONOR = {"type": "integer", "minimum": 0, "maximum": STORSTA_BELOPP}
FEL = {
    "type": "object",
    "required": ["fel"],
    "properties": {
        "fel": {
            "type": "object",
            "description": (
                "Svenska felmeddelanden per fält. Nyckeln är fältets sökväg i begäran, "
                "till exempel `personer[1].fodelsedatum` eller `kostnader.boende`; "
                "`begaran` gäller hela begäran."
            ),
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
}


def _med_roll(roll: str) -> dict[str, Any]:
    return {"type": "object", "required": ["roll"], "properties": {"roll": {"const": roll}}}


def _angivet(falt: str) -> dict[str, Any]:
    """The field is given with a value (null counts as left out)."""
    return {"required": [falt], "properties": {falt: {"not": {"type": "null"}}}}


# Rules across fields, stated in JSON Schema 2020-12 as the API enforces them
# (utredning/underlag.py; docs/regler.md: Beräkning).
UMGANGE_BARA_FOR_BARN = {
    "if": _angivet("umgangesdagar"),
    "then": {"properties": {"roll": {"const": BARN}}},
}
# Without medsökande and children is the sökande alone: with exactly one sökande required, "at
# most one person" says the same, in a form schemathesis can generate data for (a `not
# contains` beside the income clauses below is beyond its generator).
HUSHALLSGEMENSKAP_BARA_ENSAM = {
    "if": _angivet("hushallsgemenskap"),
    "then": {"properties": {"personer": {"maxItems": 1}}},
}


def _inkomst_person_finns(antal: int) -> dict[str, Any]:
    """With at most `antal` persons, `inkomster[].person` is at most `antal` − 1: one clause per
    list length states "an index into personer", which JSON Schema cannot compare directly."""
    return {
        "if": {
            "required": ["personer"],
            "properties": {"personer": {"type": "array", "maxItems": antal}},
        },
        "then": {
            "properties": {
                "inkomster": {"items": {"properties": {"person": {"maximum": antal - 1}}}}
            }
        },
    }


INKOMST_PERSON_FINNS = [_inkomst_person_finns(antal) for antal in range(1, FLEST_PERSONER)]


# The documented 400 for the person rules, the one the schema cannot express included (the
# child under 21 depends on the month): what the API answers (docs/regler.md: Beräkning).
FEL_EXEMPEL = {
    "ingen_sokande": {
        "summary": "Ingen person har rollen sokande.",
        "value": {"fel": {"personer": [FEL_INGEN_SOKANDE]}},
    },
    "tva_sokande": {
        "summary": "Mer än en person har rollen sokande.",
        "value": {"fel": {"personer[1].roll": [FEL_EN_AV_ROLLEN.format(text="sökande")]}},
    },
    "barn_21_ar": {
        "summary": "Ett barn har fyllt 21 år den första dagen i månaden.",
        "value": {"fel": {"personer[1].fodelsedatum": [FEL_BARN_21]}},
    },
    "umgangesdagar_for_vuxen": {
        "summary": "Umgängesdagar för en person som inte är barn.",
        "value": {"fel": {"personer[0].umgangesdagar": [FEL_UMGANGE_BARA_BARN]}},
    },
    "hushallsgemenskap_med_barn": {
        "summary": "Delat hushåll angivet fast beräkningen har medsökande eller barn.",
        "value": {"fel": {"hushallsgemenskap": [FEL_HUSHALLSGEMENSKAP_ENSAM]}},
    },
    "inkomst_okand_person": {
        "summary": "En inkomst pekar på en person som inte finns i personer.",
        "value": {"fel": {"inkomster[0].person": [FEL_INKOMST_PERSON]}},
    },
}


def openapi_beskrivning(server_url: str = "/") -> dict[str, Any]:
    person = {
        "type": "object",
        "required": ["roll", "fodelsedatum"],
        "additionalProperties": False,
        **UMGANGE_BARA_FOR_BARN,
        "properties": {
            "roll": {
                "type": "string",
                "enum": list(ROLLER),
                "description": (
                    "sokande, medsokande (make, maka eller sambo) eller barn (under 21 år; "
                    "ett barn som är 19–20 år räknas som hemmaboende skolungdom)."
                ),
            },
            "fodelsedatum": {
                "type": "string",
                "format": "date",
                "description": (
                    f"För rollen {BARN}: barnet ska vara under 21 år den första dagen i "
                    "månaden (SOSFS 2013:1). Åldern beror på `manad`, så schemat kan inte "
                    "uttrycka regeln; ett barn som fyllt 21 ger 400 med felet på detta fält."
                ),
            },
            "lunch_hemma": {
                "type": ["boolean", "null"],
                "default": True,
                "description": (
                    "false ger det lägre beloppet för ett barn under 7 år som äter lunch i "
                    "förskola eller skola fem dagar i veckan."
                ),
            },
            "umgangesdagar": {
                "type": ["integer", "null"],
                "minimum": 1,
                "maximum": 31,
                "description": (
                    "Dagar per månad som ett barn bor i hushållet på umgänge; null för ett barn "
                    "som bor där. Barnets personliga kostnader räknas i proportion till dagarna. "
                    f"Bara för rollen {BARN} (annars 400). Högst antalet dagar i `manad`; det "
                    "beror på månaden, så schemat säger bara högst 31."
                ),
            },
        },
    }
    inkomst = {
        "type": "object",
        "required": ["typ", "belopp"],
        "additionalProperties": False,
        "properties": {
            "person": {
                "type": ["integer", "null"],
                "minimum": 0,
                "maximum": FLEST_PERSONER - 1,
                "description": (
                    "Index i personer, räknat från 0: en person som finns i begäran (annars "
                    "400 med felet på detta fält). Utelämnas för hushållets inkomster."
                ),
            },
            "typ": {"type": "string", "enum": list(INKOMSTTYPER)},
            "belopp": KRONOR,
        },
    }
    begaran = {
        "type": "object",
        "required": ["manad", "personer"],
        "additionalProperties": False,
        "allOf": [HUSHALLSGEMENSKAP_BARA_ENSAM, *INKOMST_PERSON_FINNS],
        "properties": {
            "manad": {
                "type": "string",
                "pattern": r"^\d{4}-(0[1-9]|1[0-2])$",
                "examples": ["2026-12"],
            },
            "personer": {
                "type": "array",
                "minItems": 1,
                "maxItems": FLEST_PERSONER,
                "items": {"$ref": "#/components/schemas/Person"},
                "description": (
                    "Exakt en person med rollen sokande och högst en medsokande. Ett barn ska "
                    "vara under 21 år den första dagen i månaden; annars svarar API:t 400 med "
                    "felet på barnets `fodelsedatum`."
                ),
                # JSON Schema 2020-12 (OpenAPI 3.1): exactly one sökande, at most one medsökande.
                "allOf": [
                    {"contains": _med_roll(SOKANDE), "minContains": 1, "maxContains": 1},
                    {"contains": _med_roll(MEDSOKANDE), "minContains": 0, "maxContains": 1},
                ],
            },
            "hushallsgemenskap": {
                "type": ["integer", "null"],
                "minimum": 2,
                "maximum": FLEST_I_HUSHALLSGEMENSKAP,
                "description": (
                    "För en sökande utan sambo och utan barn som delar hushåll med andra: "
                    "antal personer i hushållet inklusive den sökande. Norm = ensamstående + "
                    "gemensamma kostnader för hushållet ÷ antalet. Bara när personer inte har "
                    f"någon {MEDSOKANDE} eller något {BARN} (annars 400)."
                ),
            },
            "kostnader": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {
                    kod: KRONOR | {"type": ["integer", "null"], "description": text}
                    for kod, text in KOSTNADER.items()
                },
            },
            "inkomster": {
                "type": ["array", "null"],
                "maxItems": FLEST_INKOMSTER,
                "items": {"$ref": "#/components/schemas/Inkomst"},
            },
            "manader_i_foljd_med_bistand": {
                "type": ["integer", "null"],
                "minimum": 0,
                "maximum": FLEST_MANADER,
                "default": 0,
                "description": (
                    "Hela månader i följd med försörjningsstöd före månaden. Jobbstimulans "
                    "(25 % av lönen räknas inte) gäller vid 6–29."
                ),
            },
        },
    }
    svar = {
        "type": "object",
        "required": [
            "manad",
            "riksnorm",
            "skaliga_kostnader",
            "inkomster",
            "behov",
            "bistand",
            "rader",
            "parametrar",
        ],
        "properties": {
            "manad": {"type": "string"},
            "riksnorm": {
                "type": "object",
                "required": ["personliga", "gemensamma", "summa"],
                "properties": {
                    k: {"type": "integer"} for k in ("personliga", "gemensamma", "summa")
                },
            },
            "skaliga_kostnader": {"type": "integer"},
            "inkomster": {"type": "integer", "description": "Inkomster efter undantag."},
            "behov": {"type": "integer", "description": "Riksnorm + skäliga kostnader."},
            "bistand": {
                "type": "integer",
                "minimum": 0,
                "description": "max(0, behov − inkomster).",
            },
            "rader": {"type": "array", "items": {"$ref": "#/components/schemas/Rad"}},
            "parametrar": {
                "type": "object",
                "required": ["riksnorm", "verifierad"],
                "properties": {
                    "riksnorm": {"type": "string"},
                    "verifierad": {
                        "type": "boolean",
                        "description": (
                            "true bara när varje använt belopp är verifierat; annars är "
                            "beloppen preliminära."
                        ),
                    },
                },
            },
        },
    }
    rad = {
        "type": "object",
        "required": ["text", "belopp", "kalla"],
        "properties": {
            "typ": {"type": "string", "enum": list(RADTYP_GRUPP)},
            "text": {"type": "string"},
            "belopp": {"type": "integer", "description": "Hela kronor, avrundat uppåt från 0,5."},
            "kalla": {"type": "string"},
        },
    }
    fel_svar = {"application/json": {"schema": {"$ref": "#/components/schemas/Fel"}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bistånd – provberäkning av försörjningsstöd",
            "version": "1.0.0",
            "description": (
                "Räkna ut om ett hushåll kan ha rätt till försörjningsstöd: riksnorm + skäliga "
                "kostnader − inkomster. Resultatet är ingen ansökan och inget beslut."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/provberakning": {
                "post": {
                    "operationId": "provberakning",
                    "summary": "Provberäkning av försörjningsstöd för en månad",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Provberakning"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Beräkningen, rad för rad med källa.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Resultat"}
                                }
                            },
                        },
                        "400": {
                            "description": (
                                "Fel i uppgifterna, per fält, till exempel ingen eller mer än "
                                "en sokande, ett barn som fyllt 21 år, umgängesdagar för en "
                                "vuxen, delat hushåll med medsökande eller barn, eller en "
                                "inkomst för en person som inte finns i personer."
                            ),
                            "content": {
                                "application/json": fel_svar["application/json"]
                                | {"examples": FEL_EXEMPEL}
                            },
                        },
                        "405": {"description": "Bara POST är tillåtet.", "content": fel_svar},
                        "429": {
                            "description": "För många beräkningar från samma klient.",
                            "headers": {
                                "Retry-After": {
                                    "description": "Sekunder att vänta.",
                                    "schema": {"type": "integer", "minimum": 1},
                                }
                            },
                            "content": fel_svar,
                        },
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Provberakning": begaran,
                "Person": person,
                "Inkomst": inkomst,
                "Resultat": svar,
                "Rad": rad,
                "Fel": FEL,
            }
        },
    }
