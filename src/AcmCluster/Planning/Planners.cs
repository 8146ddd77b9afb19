using System;
using System.Collections.Generic;
using System.Text.Json;
using AcmCluster.Native;
using AcmCluster.Procedures;

namespace AcmCluster.Planning;

/// <summary>What the journaled cmdlets, Test-AcmClusterProcedure and Resume ask of any procedure's planner.</summary>
internal interface IProcedurePlanner
{
    ProcedurePlan Plan();

    /// <summary>Every precondition of the procedure, read-only: the run, -WhatIf and Test-AcmClusterProcedure run exactly these.</summary>
    void CheckPreconditions(NativeCommandRunner runner, Preflight checks, Action<string> verbose);
}

/// <summary>
/// The one registry of the journaled procedures: each id with its request type, planner and description. A new
/// procedure is one line here (and its request record and planner).
/// </summary>
internal static class Planners
{
    private sealed record Definition(string Description, Type RequestType, Func<string, ProcedureRequest> FromJson, Func<ProcedureRequest, IProcedurePlanner> Planner);

    private static readonly Dictionary<ProcedureKind, Definition> Registry = new()
    {
        [ProcedureKind.SnapshotBackup] = Cluster("Snapshot-type backup"),
        [ProcedureKind.SynchronousBackup] = Cluster("Synchronous backup"),
        [ProcedureKind.Restore] = Cluster("Restore"),
        [ProcedureKind.StoppedClusterBackup] = Stopped("Stopped-cluster backup"),
        [ProcedureKind.StoppedClusterRestore] = Stopped("Stopped-cluster restore"),
    };

    private static Definition Cluster(string description)
        => new(description, typeof(ClusterProcedureRequest), ClusterProcedureRequest.FromJson, r => new BackupProcedurePlanner((ClusterProcedureRequest)r));

    private static Definition Stopped(string description)
        => new(description, typeof(StoppedClusterRequest), StoppedClusterRequest.FromJson, r => new StoppedClusterPlanner((StoppedClusterRequest)r));

    /// <summary>What the confirmation and -WhatIf call the procedure ("Snapshot-type backup").</summary>
    public static string Description(ProcedureKind kind) => Registry[kind].Description;

    /// <summary>Whether <paramref name="kind"/> runs while the cluster service is stopped (its request is a <see cref="StoppedClusterRequest"/>).</summary>
    public static bool IsStoppedCluster(ProcedureKind kind) => Registry[kind].RequestType == typeof(StoppedClusterRequest);

    /// <summary>The planner of the request's procedure.</summary>
    public static IProcedurePlanner For(ProcedureRequest request)
    {
        var definition = Registry[request.Procedure];
        return definition.RequestType == request.GetType()
            ? definition.Planner(request)
            : throw new InvalidOperationException($"A {request.Procedure} procedure is planned from a {definition.RequestType.Name}, not a {request.GetType().Name}.");
    }

    /// <summary>
    /// A journaled request, read as the record its procedure id names. An id this release does not know (or none)
    /// is refused as a JsonException, like any other unreadable request.
    /// </summary>
    public static ProcedureRequest FromJson(string json)
    {
        string? name;
        using (var document = JsonDocument.Parse(json))
        {
            name = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(nameof(ProcedureRequest.Procedure), out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        }

        // By name only: Enum.TryParse would also take a number.
        foreach (var (kind, definition) in Registry)
        {
            if (string.Equals(kind.ToString(), name, StringComparison.Ordinal))
            {
                return definition.FromJson(json);
            }
        }

        throw new JsonException($"The request names no procedure this release knows: '{name}'.");
    }

    /// <summary>
    /// Plans a journaled request again, in whatever process resumes it. <paramref name="request"/> comes from
    /// <see cref="JournaledRequest.Read"/>; a Generic cluster's scripts come from <paramref name="generic"/> when
    /// given, else from their journaled text.
    /// </summary>
    public static ProcedurePlan Replan(ProcedureRequest request, GenericCluster? generic = null)
    {
        if (generic is not null && request.ClusterType == ClusterType.Generic)
        {
            request = request.WithGeneric(Products.Generic.GenericProvider.Validated(generic));
        }

        return For(request).Plan();
    }
}
