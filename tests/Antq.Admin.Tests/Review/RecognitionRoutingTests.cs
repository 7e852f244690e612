using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Review;
using Antq.Admin.Features.Units;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Tests.Review;

/// <summary>
/// Who recognises whom (docs/legal and the two-level table): each row routed by the pack's rules over the
/// hierarchy of the dossier's year, a three-level year and a two-level year side by side, delegation.
/// </summary>
public sealed class RecognitionRoutingTests
{
    private static readonly string[] Communes = ["xa", "phuong", "thi-tran", "dac-khu"];
    private static readonly string[] Organisations = ["co-quan", "doanh-nghiep", "co-so-giao-duc"];
    private static readonly DateOnly Reform = new(2025, 7, 1);

    /// <summary>The table as a pack states it: three levels until 30/6/2025, two levels after.</summary>
    private static PackManifest Pack(string recognisedBy = "district", bool withRules = true) =>
        new(1, "test.pack", "1.0.0", "Thử", [], [.. Communes, "khu-dan-cu", .. Organisations], null, recognisedBy, "tieu-chi", [], [])
        {
            Recognition = withRules
                ?
                [
                    new(["khu-dan-cu"], [], "commune"),
                    new(Communes, [], "district", Until: Reform.AddDays(-1)),
                    new(Communes, [], "province", From: Reform),
                    new(Organisations, ["ministry"], "outside"),
                    new(Organisations, ["province"], "province", Delegable: true),
                    new(Organisations, [], "managing"),
                ]
                : [],
        };

    private const int Province = 1, BienHoa = 2, TranBien = 3, TanPhong = 4, TrangBom = 5, HuyenTrangBom = 6, Kdc = 7, Thpt = 8, Enterprise = 9, Ministry = 10, OldAgency = 11;

    private static (List<Unit> Units, List<UnitPeriod> Periods) World(bool delegates = false)
    {
        Unit U(int id, string code, string name, string kind, string level, int? parent, int? managing = null, string? managedAt = null, bool active = true) =>
            new() { Id = id, Code = code, Name = name, KindId = kind, LevelId = level, ParentId = parent, ManagingUnitId = managing, ManagedAt = managedAt, Active = active };
        UnitPeriod P(int unit, string from, string? to, string code, string name, string kind, string level, int? parent) =>
            new() { UnitId = unit, ValidFrom = DateOnly.Parse(from), ValidTo = to is null ? null : DateOnly.Parse(to), Code = code, Name = name, KindId = kind, LevelId = level, ParentId = parent };
        var province = U(Province, "75", "Thành phố Đồng Nai", "tinh", "province", null);
        province.DelegatesRecognition = delegates;
        var units = new List<Unit>
        {
            province,
            U(BienHoa, "731", "Thành phố Biên Hòa", "huyen", "district", Province, active: false),
            U(TranBien, "26041", "Phường Trấn Biên", "phuong", "commune", Province),
            U(TanPhong, "25996", "Phường Tân Phong", "phuong", "commune", BienHoa, active: false),
            U(TrangBom, "26248", "Phường Trảng Bom", "phuong", "commune", Province),
            U(HuyenTrangBom, "737", "Huyện Trảng Bom", "huyen", "district", Province, active: false),
            U(Kdc, "KDC-01", "Khu phố 1 (tên minh họa)", "khu-dan-cu", "unit", TranBien),
            U(Thpt, "CSGD-01", "Trường THPT Ngô Quyền", "co-so-giao-duc", "unit", TranBien, managing: Province),
            U(Enterprise, "DN-01", "Công ty TNHH Minh Họa", "doanh-nghiep", "unit", TranBien),
            U(Ministry, "CQ-01", "Cơ quan do Bộ theo dõi (minh họa)", "co-quan", "unit", TranBien, managedAt: "ministry"),
            U(OldAgency, "CQ-02", "Cơ quan cấp huyện (minh họa)", "co-quan", "unit", TranBien, managing: BienHoa),
        };
        var periods = new List<UnitPeriod>
        {
            P(Province, "2004-01-01", "2025-06-30", "75", "Tỉnh Đồng Nai", "tinh", "province", null),
            P(Province, "2025-07-01", "2026-04-29", "75", "Tỉnh Đồng Nai", "tinh", "province", null),
            P(Province, "2026-04-30", null, "75", "Thành phố Đồng Nai", "tinh", "province", null),
            P(BienHoa, "2004-01-01", "2025-06-30", "731", "Thành phố Biên Hòa", "huyen", "district", Province),
            P(HuyenTrangBom, "2004-01-01", "2025-06-30", "737", "Huyện Trảng Bom", "huyen", "district", Province),
            P(TranBien, "2004-01-01", "2025-06-30", "26041", "Phường Trung Dũng", "phuong", "commune", BienHoa),
            P(TranBien, "2025-07-01", null, "26041", "Phường Trấn Biên", "phuong", "commune", Province),
            P(TanPhong, "2004-01-01", "2025-06-30", "25996", "Phường Tân Phong", "phuong", "commune", BienHoa),
            P(TrangBom, "2004-01-01", "2025-06-30", "26248", "Thị trấn Trảng Bom", "thi-tran", "commune", HuyenTrangBom),
            P(TrangBom, "2025-07-01", "2026-04-29", "26248", "Xã Trảng Bom", "xa", "commune", Province),
            P(TrangBom, "2026-04-30", null, "26248", "Phường Trảng Bom", "phuong", "commune", Province),
        };
        return (units, periods);
    }

    private static ReviewRoute Route(int unitId, int year, bool delegates = false, PackManifest? pack = null)
    {
        var (units, periods) = World(delegates);
        var hierarchy = UnitHierarchy.Build(UnitPeriods.ReferenceDate(year), units, periods);
        return RecognitionRouting.Route(hierarchy.Find(unitId)!, pack ?? Pack(), hierarchy);
    }

    private static int[] Ids(ReviewRoute route) => route.Chain.Select(u => u.Id).ToArray();

    [Fact]
    public void KhuDanCu_RecognisedByItsCommune()
    {
        var route = Route(Kdc, 2025);
        Assert.Equal([TranBien], Ids(route));
        Assert.Equal("Phường Trấn Biên", route.Recognising!.Name);
    }

    [Fact]
    public void Commune_TwoLevelYear_GoesStraightToTheProvince()
    {
        Assert.Equal([Province], Ids(Route(TranBien, 2025)));
        var xa = Route(TrangBom, 2025);
        Assert.Equal([Province], Ids(xa));
    }

    [Fact]
    public void Commune_ThreeLevelYear_DistrictRecognises_SameDatabase()
    {
        var before = Route(TranBien, 2024);
        Assert.Equal([BienHoa], Ids(before));
        Assert.Equal("Thành phố Biên Hòa", before.Recognising!.Name);
        Assert.Equal([HuyenTrangBom], Ids(Route(TrangBom, 2024)));
        // A ward merged away in 2025 still routes in its own year, and did not exist after.
        Assert.Equal([BienHoa], Ids(Route(TanPhong, 2024)));
        var (units, periods) = World();
        Assert.Null(UnitHierarchy.Build(UnitPeriods.ReferenceDate(2025), units, periods).Find(TanPhong));
    }

    [Fact]
    public void Commune_XaBecamePhuong2026_KindChangesRouteStays()
    {
        var (units, periods) = World();
        Assert.Equal("xa", UnitHierarchy.Build(UnitPeriods.ReferenceDate(2025), units, periods).Find(TrangBom)!.KindId);
        Assert.Equal("phuong", UnitHierarchy.Build(UnitPeriods.ReferenceDate(2026), units, periods).Find(TrangBom)!.KindId);
        Assert.Equal([Province], Ids(Route(TrangBom, 2026)));
    }

    [Fact]
    public void Organisation_ManagedByCommune_CommuneRecognises()
    {
        Assert.Equal([TranBien], Ids(Route(Enterprise, 2025)));
    }

    [Fact]
    public void Organisation_ManagedByProvince_ProvinceRecognisesNotTheCommuneItSitsIn()
    {
        var route = Route(Thpt, 2025);
        Assert.Equal([Province], Ids(route));
        Assert.False(route.Delegated);
    }

    [Fact]
    public void Organisation_ManagedByProvince_Delegated_OneLevelDown()
    {
        var route = Route(Thpt, 2025, delegates: true);
        Assert.True(route.Delegated);
        Assert.Equal([TranBien], Ids(route));
        // Three levels: one level down from the province is the district.
        Assert.Equal([TranBien, BienHoa], Ids(Route(Thpt, 2024, delegates: true)));
    }

    [Fact]
    public void Organisation_FollowedByTheMinistry_RecordedOnlyByTheProvince()
    {
        var route = Route(Ministry, 2025);
        Assert.True(route.Outside);
        Assert.Equal([Province], Ids(route));
    }

    [Fact]
    public void Organisation_ManagedByAFormerDistrict_InItsYear()
    {
        Assert.Equal([BienHoa], Ids(Route(OldAgency, 2024)));
    }

    [Fact]
    public void TwoLevelYear_NoChainHasADistrict()
    {
        foreach (var id in new[] { Kdc, TranBien, TrangBom, Thpt, Enterprise, Ministry })
        foreach (var pack in new[] { Pack(), Pack(withRules: false) })
            Assert.DoesNotContain(Route(id, 2025, pack: pack).Chain, u => u.LevelId == "district");
    }

    [Fact]
    public void OldPack_RecognisedByFallback_StillRoutes()
    {
        var old = Pack("district", withRules: false);
        Assert.Equal([BienHoa], Ids(Route(TranBien, 2024, pack: old)));
        Assert.Equal([Province], Ids(Route(TranBien, 2025, pack: old)));
        Assert.Equal([TranBien], Ids(Route(Kdc, 2025, pack: Pack("commune", withRules: false))));
    }
}
