using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using AcmCluster.Planning;
using AcmCluster.Procedures;
using Xunit;

namespace AcmCluster.Tests.Procedures;

/// <summary>
/// One request record per procedure family, registered under its id (issue 13): the registry picks the record by
/// the journaled id, journals of earlier releases (one flat request for every procedure) still read, and the JSON a
/// request writes keeps the field names those releases wrote.
/// </summary>
public sealed class ProcedureRequestTests
{
    // The request of the 0.3.2 journal fixture, verbatim: every field of both families, ClusterType as a number.
    private static string Release032Request()
        => JsonDocument.Parse(File.ReadAllText(Fixture.PathOf("journal-0.3.2-killed-during-swstbackup.json"))).RootElement.GetProperty("RequestJson").GetString()!;

    // A stopped-cluster request as the single flat request of release 0.4.0's main line wrote it.
    private const string FlatStoppedRequest = """
        {"Procedure":"StoppedClusterRestore","ClusterType":1,"UserApplication":"app1_grp","LogicalNode":"nodeA","Node":"node1","GenericScripts":null,
         "Volumes":[],"Timeout":60,"SettleTime":10,"PollInterval":0.5,"ThrottleLimit":2,"Generation":3,"Version":null,"RestoreDevice":null,
         "Devices":["/dev/sdb1"],"SharedDisks":[{"Kind":1,"Name":"dg1","Volume":null,"EnableScript":null,"DisableScript":null}],
         "SharedDataVolume":{"Device":"/dev/sdc1","MountPoint":"/acmdata"},"Mounts":[{"Device":"/dev/sdb1","MountPoint":"/mnt/tran1"}],
         "StartClusterService":true,"PeerNodes":["node2"],"ProcedureId":"20261206-010203-app1_grp-abcdef","StateDirectory":"/var/lib/x"}
        """;

    [Fact]
    public void ReadsTheRelease032RequestAsAClusterProcedure()
    {
        var request = Assert.IsType<ClusterProcedureRequest>(Planners.FromJson(Release032Request()));
        Assert.Equal(ProcedureKind.SnapshotBackup, request.Procedure);
        Assert.Equal(ClusterType.PRIMECLUSTER, request.ClusterType);
        Assert.Equal("nodeA", request.LogicalNode);
        Assert.Equal(new[] { "/dev/sdb1", "/dev/sdb2" }, request.Volumes.Select(v => v.Device));
        Assert.Equal("Fsystem_tran2", request.Volumes[1].Resource);
        Assert.Equal(0.3, request.SettleTime);
        Assert.Equal(0.1, request.PollInterval);
    }

    [Fact]
    public void ReadsAFlatStoppedClusterRequestAsItsRecord()
    {
        var request = Assert.IsType<StoppedClusterRequest>(Planners.FromJson(FlatStoppedRequest));
        Assert.Equal(ProcedureKind.StoppedClusterRestore, request.Procedure);
        Assert.Equal(ClusterType.VCS, request.ClusterType);
        Assert.Equal(3, request.Generation);
        Assert.Equal(new[] { "/dev/sdb1" }, request.Devices);
        Assert.Equal("dg1", Assert.Single(request.SharedDisks).Name);
        Assert.Equal("/acmdata", request.SharedDataVolume!.MountPoint);
        Assert.Equal("/mnt/tran1", Assert.Single(request.Mounts).MountPoint);
        Assert.True(request.StartClusterService);
        Assert.Equal(new[] { "node2" }, request.PeerNodes);
        Assert.Equal("20261206-010203-app1_grp-abcdef", request.ProcedureId);
    }

    /// <summary>The JSON shape is unchanged: every field a request writes is one the single flat request of earlier releases wrote, under the same name.</summary>
    [Fact]
    public void WritesOnlyTheFieldNamesOfTheFlatRequest()
    {
        var known = JsonDocument.Parse(Release032Request()).RootElement.EnumerateObject()
            .Concat(JsonDocument.Parse(FlatStoppedRequest).RootElement.EnumerateObject())
            .Select(p => p.Name)
            .ToHashSet();
        var written = new ProcedureRequest[]
        {
            Planners.FromJson(Release032Request()),
            Planners.FromJson(FlatStoppedRequest),
        };
        foreach (var request in written)
        {
            var fields = JsonDocument.Parse(request.ToJson()).RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Empty(fields.Except(known));
            Assert.Contains("UserApplication", fields);
        }

        using var cluster = JsonDocument.Parse(written[0].ToJson());
        Assert.Equal("SnapshotBackup", cluster.RootElement.GetProperty("Procedure").GetString());
        Assert.Equal(JsonValueKind.Number, cluster.RootElement.GetProperty("ClusterType").ValueKind);
    }

    [Theory]
    [InlineData(nameof(ProcedureKind.SnapshotBackup), typeof(ClusterProcedureRequest))]
    [InlineData(nameof(ProcedureKind.SynchronousBackup), typeof(ClusterProcedureRequest))]
    [InlineData(nameof(ProcedureKind.Restore), typeof(ClusterProcedureRequest))]
    [InlineData(nameof(ProcedureKind.StoppedClusterBackup), typeof(StoppedClusterRequest))]
    [InlineData(nameof(ProcedureKind.StoppedClusterRestore), typeof(StoppedClusterRequest))]
    public void EveryProcedureIsPlannedFromItsOwnRecord(string id, Type requestType)
    {
        var kind = Enum.Parse<ProcedureKind>(id);
        ProcedureRequest request = requestType == typeof(StoppedClusterRequest)
            ? new StoppedClusterRequest { Procedure = kind, UserApplication = "app1", LogicalNode = "nodeA", Devices = new[] { "/dev/sdb1" } }
            : new ClusterProcedureRequest { Procedure = kind, UserApplication = "app1", LogicalNode = "nodeA", Volumes = new[] { new AcmVolume { Device = "/dev/sdb1", Resource = "r1", MountPoint = "/mnt/tran1" } } };

        var plan = Planners.For(request).Plan();
        Assert.Equal(kind.ToString(), plan.Procedure);
        Assert.Equal(requestType == typeof(StoppedClusterRequest), Planners.IsStoppedCluster(kind));
        Assert.False(string.IsNullOrEmpty(Planners.Description(kind)));

        // What the journal keeps plans the same steps again in another process.
        var again = Planners.FromJson(plan.RequestJson);
        Assert.IsType(requestType, again);
        Assert.Equal(plan.Steps.Select(s => s.Key), Planners.Replan(again).Steps.Select(s => s.Key));
    }

    [Fact]
    public void EveryIdIsRegistered()
    {
        foreach (var kind in Enum.GetValues<ProcedureKind>())
        {
            Assert.False(string.IsNullOrEmpty(Planners.Description(kind)));
        }
    }

    [Fact]
    public void ARecordOfTheOtherFamilyIsNotPlanned()
    {
        var wrong = new ClusterProcedureRequest { Procedure = ProcedureKind.StoppedClusterBackup, UserApplication = "app1" };
        Assert.Throws<InvalidOperationException>(() => Planners.For(wrong));
    }

    [Theory]
    [InlineData("""{"Procedure":"Backup","UserApplication":"app1"}""")]
    [InlineData("""{"Procedure":1,"UserApplication":"app1"}""")]
    [InlineData("""{"Procedure":"1","UserApplication":"app1"}""")]
    [InlineData("""{"UserApplication":"app1"}""")]
    [InlineData("""[]""")]
    public void AnUnknownProcedureIdIsRefused(string json)
        => Assert.ThrowsAny<JsonException>(() => Planners.FromJson(json));

    /// <summary>The engine knows no planner: no type of AcmCluster.Procedures names a type of AcmCluster.Planning in its signatures.</summary>
    [Fact]
    public void TheEngineDoesNotReferenceThePlanners()
    {
        var engine = typeof(ProcedureEngine).Assembly.GetTypes().Where(t => t.Namespace == "AcmCluster.Procedures").ToList();
        Assert.Contains(typeof(JournalJson), engine);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var named = new List<string>();
        foreach (var type in engine)
        {
            var used = new List<Type>();
            used.AddRange(type.GetCustomAttributesData().SelectMany(a => a.ConstructorArguments).Select(a => a.Value).OfType<Type>());
            used.AddRange(type.GetFields(all).Select(f => f.FieldType));
            used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            used.AddRange(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
            if (type.BaseType is not null)
            {
                used.Add(type.BaseType);
            }

            named.AddRange(used.SelectMany(Flatten).Where(t => t.Namespace == "AcmCluster.Planning").Select(t => $"{type.Name} -> {t.Name}"));
        }

        Assert.Empty(named);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? new[] { type.GetElementType()! } : type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        foreach (var t in inner.SelectMany(Flatten))
        {
            yield return t;
        }
    }
}
