"""Texts of the demo: real French, fictional people, structures, e-mails and phone numbers.

Phone numbers use the 01 99 00 range the French regulator (Arcep) keeps for fiction; e-mails use
example.org. Nothing here comes from the network's source documents."""

NATIONAL_INTRO = (
    "Des professionnels de la jeunesse et de la parentalité à l'écoute des jeunes et des parents, "
    "là où ils sont : sur les réseaux sociaux."
)

NATIONAL_BODY = [
    ("heading", {"text": "Une présence éducative sur Internet", "level": "h2"}),
    (
        "paragraph",
        "<p>Les <b>Promeneurs du Net</b> sont des animateurs, éducateurs, conseillers, infirmiers ou "
        "médiateurs mandatés par leur structure pour poursuivre en ligne leur travail éducatif. Ils "
        "écoutent, informent, accompagnent et préviennent, quelques heures par semaine, sur les réseaux "
        "que fréquentent les jeunes et les familles.</p>",
    ),
    (
        "paragraph",
        "<p>Chaque promeneur a signé la charte nationale et travaille en lien avec la coordination "
        "de son département. Son profil est nominatif, avec sa photo et le nom de sa structure : "
        "vous savez toujours à qui vous parlez.</p>",
    ),
    (
        "quote",
        {
            "quote": "Sur Instagram, une jeune m'a écrit un soir pour une question de logement. "
            "Deux semaines plus tard, elle poussait la porte de la mission locale.",
            "author": "Une promeneuse du Net (témoignage fictif)",
        },
    ),
    (
        "faq",
        {
            "title": "Questions fréquentes",
            "items": [
                {
                    "question": "Comment savoir si la personne qui me parle est vraiment un promeneur ?",
                    "answer": "<p>Collez l'adresse de son profil ou son pseudo dans la page « Vérifier un promeneur » : "
                    "si elle est labellisée, sa fiche s'affiche.</p>",
                },
                {
                    "question": "Les échanges sont-ils confidentiels ?",
                    "answer": "<p>Oui, dans le respect de la charte et du secret professionnel de chaque métier.</p>",
                },
                {
                    "question": "Comment devenir promeneur du Net ?",
                    "answer": "<p>Votre structure répond à l'appel à projets de votre Caf ; la coordination "
                    "départementale vous forme et vous accompagne.</p>",
                },
            ],
        },
    ),
]

NATIONAL_PAGES = [
    (
        "le-reseau",
        "Le réseau",
        "Une démarche nationale portée par la branche Famille, déployée dans les départements.",
        [
            (
                "paragraph",
                "<p>Né en Suède, le dispositif est déployé en France depuis 2012. Dans chaque département, "
                "un comité de pilotage réunit la Caf, le conseil départemental, les services de l'État et "
                "d'autres partenaires ; une coordination anime le réseau local.</p>",
            ),
            ("heading", {"text": "Deux missions, un réseau", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Jeunesse</b> : les jeunes de 12 à 25 ans ;</li>"
                "<li><b>Parentalité</b> : les parents et les adultes qui ont un rôle éducatif.</li></ul>",
            ),
        ],
    ),
    (
        "devenir-promeneur",
        "Devenir Promeneur du Net",
        "Structures et professionnels : comment rejoindre le réseau.",
        [
            (
                "paragraph",
                "<p>Les structures qui accueillent des jeunes ou des familles (centres sociaux, MJC, missions "
                "locales, points information jeunesse…) peuvent proposer un ou plusieurs professionnels. "
                "Elles signent une convention avec la Caf et la charte nationale.</p>",
            ),
            ("heading", {"text": "Les engagements du promeneur", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>un profil professionnel à son nom, avec sa photo et sa structure ;</li>"
                "<li>des permanences en ligne annoncées ;</li>"
                "<li>la participation aux temps de formation et d'échanges du réseau.</li></ul>",
            ),
        ],
    ),
]

LEGAL_TEXTS = {
    "mentions-legales": "<p>Ce site est édité pour le réseau des Promeneurs du Net (démonstration). "
    "Directeur de la publication : la coordination nationale (fictive). "
    "Hébergement : à compléter par l'exploitant.</p>",
    "donnees-personnelles": "<p>Les fiches des promeneurs ne montrent que ce que prévoit la charte nationale : "
    "prénom, photo, métier, structure, réseaux et permanences. Le nom de famille n'est "
    "affiché qu'avec l'accord du promeneur. Une fiche suspendue ou retirée disparaît "
    "immédiatement de toutes les pages publiques.</p>",
}

NATIONAL_NEWS = [
    (
        "rencontre-nationale-2026",
        "Rencontre nationale du réseau à Paris",
        "Coordinateurs et promeneurs de toute la France se sont retrouvés pour une journée d'ateliers.",
        ["réseau", "formation"],
        12,
    ),
    (
        "nouvelle-charte-parentalite",
        "La mission Parentalité s'étend à de nouveaux départements",
        "Des promeneurs dédiés aux parents rejoignent le réseau dans plusieurs départements.",
        ["parentalité"],
        30,
    ),
    (
        "guide-usages-numeriques",
        "Un guide pour accompagner les usages numériques des ados",
        "Le réseau publie des fiches pratiques à destination des professionnels et des familles.",
        ["numérique", "ressources"],
        55,
    ),
]

# code: (coordination structure, coordinator, structures [(name, type, insee, address)])
DEPARTMENTS = {
    "04": (
        "Fédération des centres sociaux des Alpes de Haute-Provence (fictive)",
        "Claire Morel",
        [
            ("Centre social Les Tilleuls", "centre-social", "04070", "12 rue des Tilleuls"),
            ("Espace jeunes du Pays de Manosque", "service-jeunesse", "04112", "3 place de la Fontaine"),
        ],
    ),
    "17": (
        "Association départementale d'éducation populaire 17 (fictive)",
        "Julien Bertrand",
        [
            ("Maison des adolescents de l'Océan", "maison-des-adolescents", "17300", "8 quai des Voiliers"),
            ("Centre social du Val de Saintonge", "centre-social", "17415", "21 avenue des Arènes"),
        ],
    ),
    "18": (
        "Union départementale des MJC du Cher (fictive)",
        "Sophie Lambert",
        [
            ("MJC Les Trois Rivières", "mjc", "18033", "5 rue des Remparts"),
            (
                "Point Information Jeunesse de Vierzon",
                "information-jeunesse",
                "18279",
                "14 boulevard de la Gare",
            ),
            ("Centre social Le Moulin", "centre-social", "18197", "2 allée du Moulin"),
        ],
    ),
    "62": (
        "Fédération des centres sociaux du Pas-de-Calais (fictive)",
        "Karim Haddad",
        [
            ("Mission locale de l'Artois", "mission-locale", "62041", "40 rue Gambetta"),
            ("Centre social du Bassin minier", "centre-social", "62498", "9 rue des Corons"),
        ],
    ),
    "93": (
        "Collectif Jeunesse 93 (fictif)",
        "Nadia Benali",
        [
            ("Maison de quartier La Plaine", "centre-social", "93066", "17 rue du Landy"),
            ("Service jeunesse de Montreuil-Est", "service-jeunesse", "93048", "28 rue de Paris"),
            ("Point accueil écoute jeunes de Bobigny", "paej", "93008", "6 avenue Karl-Marx"),
        ],
    ),
}

DEPARTMENT_NEWS = [
    (
        "rencontre-departementale",
        "Rencontre départementale des promeneurs",
        "Les promeneurs du département se sont réunis pour échanger sur leurs pratiques.",
        ["réseau"],
        8,
    ),
    (
        "formation-harcelement",
        "Formation : repérer et agir face au cyberharcèlement",
        "Une journée de formation pour les promeneurs et les professionnels de la jeunesse.",
        ["formation"],
        25,
    ),
]

FIRST_NAMES = [
    "Léa",
    "Hugo",
    "Inès",
    "Karim",
    "Manon",
    "Yanis",
    "Camille",
    "Théo",
    "Sarah",
    "Nathan",
    "Chloé",
    "Bilal",
    "Emma",
    "Lucas",
    "Jade",
    "Mehdi",
    "Clara",
    "Enzo",
    "Louise",
    "Rayan",
    "Anaïs",
    "Tom",
    "Zoé",
    "Samir",
    "Julie",
    "Maxime",
    "Nora",
    "Axel",
    "Lina",
    "Bastien",
    "Mélissa",
    "Quentin",
    "Aïcha",
    "Romain",
    "Elsa",
    "Florian",
    "Imane",
    "Kévin",
    "Margaux",
    "Sofiane",
]
LAST_NAMES = [
    "Durand",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Gauthier",
    "Perrin",
    "Morin",
]
JOBS = [
    ("Animatrice jeunesse", "Animateur jeunesse"),
    ("Éducatrice spécialisée", "Éducateur spécialisé"),
    ("Éducatrice de prévention", "Éducateur de prévention"),
    ("Conseillère en insertion", "Conseiller en insertion"),
    ("Référente familles", "Référent familles"),
    ("Médiatrice numérique", "Médiateur numérique"),
    ("Informatrice jeunesse", "Informateur jeunesse"),
    ("Conseillère en économie sociale et familiale", "Conseiller en économie sociale et familiale"),
]
FEMININE = {
    "Léa",
    "Inès",
    "Manon",
    "Camille",
    "Sarah",
    "Chloé",
    "Emma",
    "Jade",
    "Clara",
    "Louise",
    "Anaïs",
    "Zoé",
    "Julie",
    "Nora",
    "Lina",
    "Mélissa",
    "Aïcha",
    "Elsa",
    "Imane",
    "Margaux",
}
THEMES = [
    "Santé",
    "Études et formations",
    "Vie pratique et logement",
    "Emploi",
    "Usages numériques",
    "Harcèlement",
    "Loisirs, sports et culture",
    "Famille et relations familiales",
]
