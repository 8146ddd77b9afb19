using System.Management.Automation;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Get, "AcmBackupHistory")]
[OutputType(typeof(BackupHistory))]
public sealed class GetAcmBackupHistoryCommand : AcmBackupCmdlet
{
    /// <summary>Transaction volumes; all when omitted.</summary>
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
            var result = Runner.Run(AcmCommands.History(device, logicalNode, server), "GetBackupHistoryFailed");
            WriteObject(HistoryParser.Parse(result.Output), enumerateCollection: true);
        }
    }
}
