<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ResolveCommand</name>
    <message numerus="yes">
        <source>%1: %n address(es) in %2 ms</source>
        <translation>
            <numerusform>%1: %n address in %2 ms</numerusform>
            <numerusform>%1: %n addresses in %2 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResolveTab</name>
    <message numerus="yes">
        <source>%n address(es) in %1 ms</source>
        <translation>
            <numerusform>%n address in %1 ms</numerusform>
            <numerusform>%n addresses in %1 ms</numerusform>
        </translation>
    </message>
</context>
</TS>
