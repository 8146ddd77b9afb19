# Dot-sourced in BeforeAll of every test file: the built module, fixtures, and native-command stubs.
# Pester can mock only a command that exists, so each native tool gets a global stub that fails loudly
# when a test forgot to mock it; integration tests remove the stubs so the simulator's shims run.

Import-Module $env:ACMCLUSTER_TEST_MODULE -Force

$global:AcmNativeTools = @(
    'hvdisp', 'hvutil', 'hvassert', 'hvswitch',
    'swstbackup', 'swstrestore', 'swststartsync', 'swstsyncstat', 'swstcancelsync', 'swsthistdisp',
    'mount', 'umount', 'fuser'
)

function global:Get-Fixture([string] $Name) {
    Get-Content -LiteralPath (Join-Path $PSScriptRoot "../fixtures/$Name")
}

function global:Add-NativeStubs {
    foreach ($tool in $global:AcmNativeTools) {
        Set-Item -Path "function:global:$tool" -Value {
            param([Parameter(ValueFromRemainingArguments)][string[]] $Rest)
            throw "native command called without a mock: $($MyInvocation.MyCommand.Name) $Rest"
        }
    }
}

function global:Remove-NativeStubs {
    foreach ($tool in $global:AcmNativeTools) {
        Remove-Item -Path "function:global:$tool" -ErrorAction SilentlyContinue
    }
}
