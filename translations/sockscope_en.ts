<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConnectTab</name>
    <message numerus="yes">
        <source>%n held back (the peer is not reading)</source>
        <translation>
            <numerusform>%n held back (the peer is not reading)</numerusform>
            <numerusform>%n held back (the peer is not reading)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventLogDock</name>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>Exported %n event to %1</numerusform>
            <numerusform>Exported %n events to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n event(s)</source>
        <translation>
            <numerusform>Cleared %n event</numerusform>
            <numerusform>Cleared %n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read %n event(s) from %1</source>
        <translation>
            <numerusform>Read %n event from %1</numerusform>
            <numerusform>Read %n events from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n line(s) were no events and were skipped</source>
        <translation>
            <numerusform>; %n line was no event and was skipped</numerusform>
            <numerusform>; %n lines were no events and were skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListCommand</name>
    <message numerus="yes">
        <source>, %n semaphore(s)</source>
        <translation>
            <numerusform>, %n semaphore</numerusform>
            <numerusform>, %n semaphores</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResolveText</name>
    <message numerus="yes">
        <source>%n address(es)</source>
        <translation>
            <numerusform>%n address</numerusform>
            <numerusform>%n addresses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n entries</source>
        <translation>
            <numerusform>%1 in %n entry</numerusform>
            <numerusform>%1 in %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServeText</name>
    <message numerus="yes">
        <source>%1 ms  peer %2: logged %3, name %4, first %n byte(s): %5</source>
        <translation>
            <numerusform>%1 ms  peer %2: logged %3, name %4, first byte: %5</numerusform>
            <numerusform>%1 ms  peer %2: logged %3, name %4, first %n bytes: %5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServersModel</name>
    <message numerus="yes">
        <source>running (restarted %n time(s))</source>
        <translation>
            <numerusform>running (restarted once)</numerusform>
            <numerusform>running (restarted %n times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServersTab</name>
    <message numerus="yes">
        <source>(%n older byte(s) not kept)</source>
        <translation>
            <numerusform>(%n older byte not kept)</numerusform>
            <numerusform>(%n older bytes not kept)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionConsole</name>
    <message numerus="yes">
        <source>%1 ms %2 %n byte(s)</source>
        <translation>
            <numerusform>%1 ms %2 %n byte</numerusform>
            <numerusform>%1 ms %2 %n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more chunk(s) (%1 bytes) not shown here; the transcript has them
</source>
        <translation>
            <numerusform>… %n more chunk (%1 bytes) not shown here; the transcript has it
</numerusform>
            <numerusform>… %n more chunks (%1 bytes) not shown here; the transcript has them
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more byte(s) of this chunk in the transcript</source>
        <translation>
            <numerusform>… %n more byte of this chunk in the transcript</numerusform>
            <numerusform>… %n more bytes of this chunk in the transcript</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SysvEventText</name>
    <message numerus="yes">
        <source>, %n byte(s)</source>
        <translation>
            <numerusform>, %n byte</numerusform>
            <numerusform>, %n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n semaphore(s)</source>
        <translation>
            <numerusform>, %n semaphore</numerusform>
            <numerusform>, %n semaphores</numerusform>
        </translation>
    </message>
</context>
</TS>
