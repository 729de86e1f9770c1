"""The seed pages' contact persons (data/pages), which must not leave records.jsonl."""

SEED_EMAILS = [
    "michael.anderberg@vaggeryd.se",
    "elisabeth.lallukka@eskilstuna.se",
    "Magdalena.Fjellner@jokkmokk.se",
    "christer.stenberg@kavlinge.se",
    "mats.ladeback@folkuniversitetet.se",
]
SEED_PHONES = ["0370-78612", "016-710 50 33", "0971-17184", "0709-739447"]
SEED_NAMES = ["Michael Anderberg", "Elisabeth Lallukka", "Magdalena Fjellner", "Christer Stenberg", "Mats Ladebäck"]
SEED_SURNAMES = ["Anderberg", "Lallukka", "Fjellner", "Christer Stenberg", "Ladebäck"]
SEED_SECRETS = SEED_EMAILS + SEED_PHONES + SEED_NAMES + SEED_SURNAMES
