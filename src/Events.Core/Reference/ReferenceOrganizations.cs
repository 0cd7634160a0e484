using Events.Core.Organizations;

namespace Events.Core.Reference;

/// <summary>
/// Ministries and missions abroad that the communication plan names, seeded on every start by
/// <see cref="Code"/> (existing rows are left as administrators edited them).
/// </summary>
public sealed record ReferenceOrganization(
    string Code, OrganizationKind Kind, string CountryCode, string TimeZone, string NameEn, string NameRu, string NameKy);

public static class ReferenceOrganizations
{
    private const OrganizationKind M = OrganizationKind.Ministry;
    private const OrganizationKind E = OrganizationKind.Embassy;
    private const OrganizationKind C = OrganizationKind.Consulate;

    public static readonly IReadOnlyList<ReferenceOrganization> All =
    [
        new("MLSSM", M, "KG", "Asia/Bishkek", "Ministry of Labor, Social Security and Migration",
            "Министерство труда, социального обеспечения и миграции", "Эмгек, социалдык камсыздоо жана миграция министрлиги"),
        new("MFA", M, "KG", "Asia/Bishkek", "Ministry of Foreign Affairs",
            "Министерство иностранных дел", "Тышкы иштер министрлиги"),
        new("MEC", M, "KG", "Asia/Bishkek", "Ministry of Economy and Commerce",
            "Министерство экономики и коммерции", "Экономика жана коммерция министрлиги"),
        new("MDD", M, "KG", "Asia/Bishkek", "Ministry of Digital Development",
            "Министерство цифрового развития", "Санариптик өнүктүрүү министрлиги"),
        new("MCISYP", M, "KG", "Asia/Bishkek", "Ministry of Culture, Information, Sports and Youth Policy",
            "Министерство культуры, информации, спорта и молодёжной политики", "Маданият, маалымат, спорт жана жаштар саясаты министрлиги"),
        new("MES", M, "KG", "Asia/Bishkek", "Ministry of Education and Science",
            "Министерство образования и науки", "Билим берүү жана илим министрлиги"),
        new("MIA", M, "KG", "Asia/Bishkek", "Ministry of Internal Affairs",
            "Министерство внутренних дел", "Ички иштер министрлиги"),
        new("MEmS", M, "KG", "Asia/Bishkek", "Ministry of Emergency Situations",
            "Министерство чрезвычайных ситуаций", "Өзгөчө кырдаалдар министрлиги"),
        new("MH", M, "KG", "Asia/Bishkek", "Ministry of Health",
            "Министерство здравоохранения", "Саламаттык сактоо министрлиги"),
        new("MNRETS", M, "KG", "Asia/Bishkek", "Ministry of Natural Resources, Ecology and Technical Supervision",
            "Министерство природных ресурсов, экологии и технического надзора", "Жаратылыш ресурстары, экология жана техникалык көзөмөл министрлиги"),
        new("MA", M, "KG", "Asia/Bishkek", "Ministry of Agriculture",
            "Министерство сельского хозяйства", "Айыл чарба министрлиги"),
        new("EMB-RU", E, "RU", "Europe/Moscow", "Embassy of the Kyrgyz Republic in Russia (Moscow)",
            "Посольство Кыргызской Республики в России (Москва)", "Кыргыз Республикасынын Россиядагы элчилиги (Москва)"),
        new("CON-RU-NOVOSIBIRSK", C, "RU", "Asia/Novosibirsk", "Consulate General of the Kyrgyz Republic in Novosibirsk",
            "Генеральное консульство Кыргызской Республики в Новосибирске", "Кыргыз Республикасынын Новосибирсктеги башкы консулдугу"),
        new("CON-RU-YEKATERINBURG", C, "RU", "Asia/Yekaterinburg", "Consulate General of the Kyrgyz Republic in Yekaterinburg",
            "Генеральное консульство Кыргызской Республики в Екатеринбурге", "Кыргыз Республикасынын Екатеринбургдагы башкы консулдугу"),
        new("EMB-TR", E, "TR", "Europe/Istanbul", "Embassy of the Kyrgyz Republic in Türkiye (Ankara)",
            "Посольство Кыргызской Республики в Турции (Анкара)", "Кыргыз Республикасынын Түркиядагы элчилиги (Анкара)"),
        new("CON-TR-ISTANBUL", C, "TR", "Europe/Istanbul", "Consulate General of the Kyrgyz Republic in Istanbul",
            "Генеральное консульство Кыргызской Республики в Стамбуле", "Кыргыз Республикасынын Стамбулдагы башкы консулдугу"),
        new("EMB-KZ", E, "KZ", "Asia/Almaty", "Embassy of the Kyrgyz Republic in Kazakhstan (Astana)",
            "Посольство Кыргызской Республики в Казахстане (Астана)", "Кыргыз Республикасынын Казакстандагы элчилиги (Астана)"),
        new("CON-KZ-ALMATY", C, "KZ", "Asia/Almaty", "Consulate General of the Kyrgyz Republic in Almaty",
            "Генеральное консульство Кыргызской Республики в Алматы", "Кыргыз Республикасынын Алматыдагы башкы консулдугу"),
        new("EMB-DE", E, "DE", "Europe/Berlin", "Embassy of the Kyrgyz Republic in Germany (Berlin)",
            "Посольство Кыргызской Республики в Германии (Берлин)", "Кыргыз Республикасынын Германиядагы элчилиги (Берлин)"),
        new("EMB-IT", E, "IT", "Europe/Rome", "Embassy of the Kyrgyz Republic in Italy (Rome)",
            "Посольство Кыргызской Республики в Италии (Рим)", "Кыргыз Республикасынын Италиядагы элчилиги (Рим)"),
        new("EMB-KR", E, "KR", "Asia/Seoul", "Embassy of the Kyrgyz Republic in the Republic of Korea (Seoul)",
            "Посольство Кыргызской Республики в Республике Корея (Сеул)", "Кыргыз Республикасынын Корея Республикасындагы элчилиги (Сеул)"),
        new("EMB-US", E, "US", "America/New_York", "Embassy of the Kyrgyz Republic in the United States (Washington)",
            "Посольство Кыргызской Республики в США (Вашингтон)", "Кыргыз Республикасынын АКШдагы элчилиги (Вашингтон)"),
        new("EMB-AE", E, "AE", "Asia/Dubai", "Embassy of the Kyrgyz Republic in the United Arab Emirates (Abu Dhabi)",
            "Посольство Кыргызской Республики в ОАЭ (Абу-Даби)", "Кыргыз Республикасынын БАЭдеги элчилиги (Абу-Даби)"),
        new("CON-AE-DUBAI", C, "AE", "Asia/Dubai", "Consulate General of the Kyrgyz Republic in Dubai",
            "Генеральное консульство Кыргызской Республики в Дубае", "Кыргыз Республикасынын Дубайдагы башкы консулдугу"),
        new("EMB-GB", E, "GB", "Europe/London", "Embassy of the Kyrgyz Republic in the United Kingdom (London)",
            "Посольство Кыргызской Республики в Великобритании (Лондон)", "Кыргыз Республикасынын Улуу Британиядагы элчилиги (Лондон)"),
        new("EMB-CN", E, "CN", "Asia/Shanghai", "Embassy of the Kyrgyz Republic in China (Beijing)",
            "Посольство Кыргызской Республики в Китае (Пекин)", "Кыргыз Республикасынын Кытайдагы элчилиги (Пекин)"),
        new("EMB-JP", E, "JP", "Asia/Tokyo", "Embassy of the Kyrgyz Republic in Japan (Tokyo)",
            "Посольство Кыргызской Республики в Японии (Токио)", "Кыргыз Республикасынын Жапониядагы элчилиги (Токио)"),
        new("EMB-UZ", E, "UZ", "Asia/Tashkent", "Embassy of the Kyrgyz Republic in Uzbekistan (Tashkent)",
            "Посольство Кыргызской Республики в Узбекистане (Ташкент)", "Кыргыз Республикасынын Өзбекстандагы элчилиги (Ташкент)"),
        new("EMB-BY", E, "BY", "Europe/Minsk", "Embassy of the Kyrgyz Republic in Belarus (Minsk)",
            "Посольство Кыргызской Республики в Беларуси (Минск)", "Кыргыз Республикасынын Беларустагы элчилиги (Минск)"),
        new("EMB-FR", E, "FR", "Europe/Paris", "Embassy of the Kyrgyz Republic in France (Paris)",
            "Посольство Кыргызской Республики во Франции (Париж)", "Кыргыз Республикасынын Франциядагы элчилиги (Париж)"),
        new("EMB-BE", E, "BE", "Europe/Brussels", "Embassy of the Kyrgyz Republic in Belgium (Brussels)",
            "Посольство Кыргызской Республики в Бельгии (Брюссель)", "Кыргыз Республикасынын Бельгиядагы элчилиги (Брюссель)"),
        new("EMB-MY", E, "MY", "Asia/Kuala_Lumpur", "Embassy of the Kyrgyz Republic in Malaysia (Kuala Lumpur)",
            "Посольство Кыргызской Республики в Малайзии (Куала-Лумпур)", "Кыргыз Республикасынын Малайзиядагы элчилиги (Куала-Лумпур)"),
        new("EMB-QA", E, "QA", "Asia/Qatar", "Embassy of the Kyrgyz Republic in Qatar (Doha)",
            "Посольство Кыргызской Республики в Катаре (Доха)", "Кыргыз Республикасынын Катардагы элчилиги (Доха)"),
        new("EMB-CA", E, "CA", "America/Toronto", "Embassy of the Kyrgyz Republic in Canada (Ottawa)",
            "Посольство Кыргызской Республики в Канаде (Оттава)", "Кыргыз Республикасынын Канададагы элчилиги (Оттава)"),
    ];
}
