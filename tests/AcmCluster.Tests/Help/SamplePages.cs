namespace AcmCluster.Tests.Help;

/// <summary>Sample platyPS pages used by the help compiler tests.</summary>
internal static class SamplePages
{
    public const string EnterMaintenance = """
---
external help file: AcmCluster.dll-Help.xml
Module Name: AcmCluster
online version: https://example.invalid/acm/enter-acmmaintenance
schema: 2.0.0
---

# Enter-AcmMaintenance

## SYNOPSIS
Puts a user application into maintenance mode.

## SYNTAX

### ByName (Default)
```
Enter-AcmMaintenance [-UserApplication] <String[]> [-Reason <String>] [-Mode <String>] [-Force] [-WhatIf]
 [-Confirm] [<CommonParameters>]
```

### ByObject
```
Enter-AcmMaintenance -InputObject <UserApplication> [[-Reason] <String>] [-Force] [-WhatIf] [-Confirm]
 [<CommonParameters>]
```

## DESCRIPTION
The **Enter-AcmMaintenance** cmdlet puts one or more user applications
into maintenance mode so that the cluster stops monitoring them.

Run it like this:

```powershell
Enter-AcmMaintenance -UserApplication app1
Get-AcmUserApplication app1
```

Use \*Exit-AcmMaintenance\* to leave maintenance mode.

## EXAMPLES

### Example 1: Put app1 into maintenance mode
```powershell
PS> Enter-AcmMaintenance -UserApplication app1
```

This command puts app1 into maintenance mode.

The cluster keeps the application online.

### Example 2: Use the pipeline
Applications can come from the pipeline.

```powershell
PS> Get-AcmUserApplication app* |
>>     Enter-AcmMaintenance -Reason 'patching'
```

Every application whose name starts with app is put into maintenance mode.

## PARAMETERS

### -UserApplication
Names of the user applications.

Wildcards are allowed.

```yaml
Type: String[]
Parameter Sets: ByName
Aliases: Name, App

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: True
```

### -InputObject
A user application object, as returned by Get-AcmUserApplication.

```yaml
Type: UserApplication
Parameter Sets: ByObject
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByValue)
Accept wildcard characters: False
```

### -Reason
Free text stored with the maintenance record.

```yaml
Type: String
Parameter Sets: ByName
Aliases:

Required: False
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

```yaml
Type: String
Parameter Sets: ByObject
Aliases:

Required: False
Position: 0
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### -Mode
How the application is treated.

```yaml
Type: String
Parameter Sets: ByName
Aliases:
Accepted values: Soft, Hard

Required: False
Position: Named
Default value: Soft
Accept pipeline input: False
Accept wildcard characters: False
```

### -Force
Skips the check for pending switch-overs.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### -WhatIf
Shows what would happen if the cmdlet runs.
The cmdlet is not run.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases: wi

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### -Confirm
Prompts you for confirmation before running the cmdlet.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases: cf

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

## INPUTS

### System.String
You can pipe application names to this cmdlet.

### AcmCluster.UserApplication
You can pipe application objects to this cmdlet.

## OUTPUTS

### AcmCluster.MaintenanceResult
One result per application.

## NOTES
Maintenance mode survives a node reboot.

Requires the ACM administrator role.

## RELATED LINKS

[Exit-AcmMaintenance](Exit-AcmMaintenance.md)

[about_AcmCluster](about_AcmCluster.md)

[Online docs](https://example.invalid/acm)
""";

    /// <summary>A page without parameter-set subsections and with platyPS placeholders left in.</summary>
    public const string GetStatusIncomplete = """
# Get-AcmStatus

## SYNOPSIS
{{ Fill in the Synopsis }}

## SYNTAX

```
Get-AcmStatus [[-Node] <String>] [<CommonParameters>]
```

## DESCRIPTION

## EXAMPLES

### Example 1
```powershell
PS C:\> {{ Add example code here }}
```

{{ Add example description here }}

## PARAMETERS

### -Node
```yaml
Type: String
Parameter Sets: (All)
Aliases:

Required: False
Position: 0
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### None

## OUTPUTS

## NOTES

## RELATED LINKS
""";

    /// <summary>A page in the platyPS v2 metadata style, no front matter.</summary>
    public const string ExitMaintenanceV2 = """
# Exit-AcmMaintenance

## SYNOPSIS
Takes a user application out of maintenance mode.

## SYNTAX

### __AllParameterSets

```
Exit-AcmMaintenance [-UserApplication] <string> [-PassThru] [<CommonParameters>]
```

## DESCRIPTION
Takes the application out of maintenance mode.

## EXAMPLES

### Example 1
```powershell
Exit-AcmMaintenance app1
```

Leaves maintenance mode.

### Example 2
```powershell
Exit-AcmMaintenance app1 -PassThru
```

Leaves maintenance mode and returns the result.

## PARAMETERS

### -UserApplication

The application name.

```yaml
Type: System.String
DefaultValue: ''
SupportsWildcards: false
Aliases:
- Name
ParameterValue: []
ParameterSets:
- Name: (All)
  Position: 0
  IsRequired: true
  ValueFromPipeline: true
  ValueFromPipelineByPropertyName: true
  ValueFromRemainingArguments: false
DontShow: false
AcceptedValues: []
HelpMessage: ''
```

### -PassThru

Returns the result.

```yaml
Type: System.Management.Automation.SwitchParameter
DefaultValue: False
SupportsWildcards: false
Aliases: []
ParameterSets:
- Name: (All)
  Position: Named
  IsRequired: false
  ValueFromPipeline: false
  ValueFromPipelineByPropertyName: false
  ValueFromRemainingArguments: false
```

### CommonParameters

This cmdlet supports the common parameters.

## INPUTS

### System.String

The name.

## OUTPUTS

### AcmCluster.MaintenanceResult

With -PassThru.

## NOTES

## RELATED LINKS

- [Enter-AcmMaintenance](Enter-AcmMaintenance.md)
""";

    public const string AboutTopic = """
---
title: about_AcmCluster
---

# about_AcmCluster

## SHORT DESCRIPTION
Manages **ACM** clusters from PowerShell.

## LONG DESCRIPTION
The `AcmCluster` module wraps the *cluster* tools.
See [Enter-AcmMaintenance](Enter-AcmMaintenance.md) and [the docs](https://example.invalid/acm).

### Maintenance mode

```powershell
Enter-AcmMaintenance app1
```



## SEE ALSO
- about_Modules
""";
}
