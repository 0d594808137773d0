<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<!-- English plural forms only: every other string is its own English text. -->
<context>
    <name>ferry::ui::OneTimeSecretDialog</name>
    <message numerus="yes">
        <source>Copied text leaves the clipboard after %n seconds.</source>
        <translation>
            <numerusform>Copied text leaves the clipboard after %n second.</numerusform>
            <numerusform>Copied text leaves the clipboard after %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ui::HierarchyDiagram</name>
    <message numerus="yes">
        <source>%n registries</source>
        <translation>
            <numerusform>%n registry</numerusform>
            <numerusform>%n registries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n registries</source>
        <translation>
            <numerusform>%n registry</numerusform>
            <numerusform>%n registries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>%n offline</numerusform>
            <numerusform>%n offline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unhealthy</source>
        <translation>
            <numerusform>%n unhealthy</numerusform>
            <numerusform>%n unhealthy</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::HierarchyModel</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ScopeMapListModel</name>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ui::AuditView</name>
    <message numerus="yes">
        <source>%n record(s) so far; more as you scroll</source>
        <translation>
            <numerusform>%n record so far; more as you scroll</numerusform>
            <numerusform>%n records so far; more as you scroll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
</TS>
