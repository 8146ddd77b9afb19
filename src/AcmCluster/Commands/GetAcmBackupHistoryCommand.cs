using System.Management.Automation;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Get, "AcmBackupHistory")]
[OutputType(typeof(BackupHistory))]
public sealed class GetAcmBackupHistoryCommand : AcmBackupCmdlet
{
    /// <summary>Transaction volumes; all when omitted. One that ACM does not know writes a DeviceNotRegistered error.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionDisk")]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[]? Device { get; set; }

    protected override void Process()
    {
        var logicalNode = EffectiveLogicalNode;
        var server = EffectiveComputerName;
        var devices = DevicesOrAll(Device);
        foreach (var device in devices)
        {
            var command = AcmCommands.History(device, logicalNode, server);
            var result = Runner.Run(command, "GetBackupHistoryFailed", allowFailure: device is not null);
            if (device is not null && (!result.Succeeded || !HistoryParser.DeviceNames(result.Output).Contains(device)))
            {
                // A named device ACM does not list is a lookup that found nothing. ACM's own words for it are not
                // documented, so the listing of every transaction volume of the logical node decides.
                var all = Runner.Run(AcmCommands.History(null, logicalNode, server), "GetBackupHistoryFailed");
                if (!HistoryParser.DeviceNames(all.Output).Contains(device))
                {
                    WriteError(AcmCommands.DeviceNotRegistered(device, logicalNode).ToErrorRecord());
                    continue;
                }

                if (!result.Succeeded)
                {
                    throw Native.NativeCommandRunner.Failure("GetBackupHistoryFailed", result);
                }
            }

            WriteObject(HistoryParser.Parse(result.Output), enumerateCollection: true);
        }
    }
}
