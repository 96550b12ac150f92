<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ConnectionSpec</name>
    <message>
        <source>QEMU/KVM</source>
        <translation>QEMU/KVM</translation>
    </message>
    <message>
        <source>QEMU/KVM user session</source>
        <translation>QEMU/KVM-Benutzersitzung</translation>
    </message>
    <message>
        <source>LXC</source>
        <translation>LXC</translation>
    </message>
    <message>
        <source>Test driver</source>
        <translation>Testtreiber</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
</context>
<context>
    <name>DomainState</name>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Shutting down</source>
        <translation>Wird heruntergefahren</translation>
    </message>
    <message>
        <source>Shut off</source>
        <translation>Ausgeschaltet</translation>
    </message>
    <message>
        <source>Crashed</source>
        <translation>Abgestürzt</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Im Ruhezustand</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>ImageDecoder</name>
    <message>
        <source>The screenshot is empty.</source>
        <translation>Das Bildschirmfoto ist leer.</translation>
    </message>
    <message>
        <source>Cannot decode the %1 screenshot: %2</source>
        <translation>Das Bildschirmfoto (%1) kann nicht dekodiert werden: %2</translation>
    </message>
</context>
<context>
    <name>UriCheck</name>
    <message>
        <source>The URI is empty.</source>
        <translation>Die URI ist leer.</translation>
    </message>
    <message>
        <source>The URI is not valid.</source>
        <translation>Die URI ist ungültig.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Manage virtual machines on libvirt hosts.</source>
        <translation>Virtuelle Maschinen auf libvirt-Hosts verwalten.</translation>
    </message>
    <message>
        <source>Connect to URI at start (repeatable).</source>
        <translation>Beim Start mit URI verbinden (mehrfach möglich).</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Do not open the saved connections.</source>
        <translation>Die gespeicherten Verbindungen nicht öffnen.</translation>
    </message>
    <message>
        <source>Connect to URI at start.</source>
        <translation>Beim Start mit URI verbinden.</translation>
    </message>
    <message>
        <source>[URI...]</source>
        <translation>[URI...]</translation>
    </message>
</context>
<context>
    <name>verx::manager::AddConnectionDialog</name>
    <message>
        <source>Add Connection</source>
        <translation>Verbindung hinzufügen</translation>
    </message>
    <message>
        <source>QEMU/KVM (system)</source>
        <translation>QEMU/KVM (System)</translation>
    </message>
    <message>
        <source>QEMU/KVM (user session)</source>
        <translation>QEMU/KVM (Benutzersitzung)</translation>
    </message>
    <message>
        <source>LXC</source>
        <translation>LXC</translation>
    </message>
    <message>
        <source>Test driver</source>
        <translation>Testtreiber</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>&amp;Hypervisor:</source>
        <translation>&amp;Hypervisor:</translation>
    </message>
    <message>
        <source>driver, e.g. xen</source>
        <translation>Treiber, z. B. xen</translation>
    </message>
    <message>
        <source>&amp;Driver:</source>
        <translation>&amp;Treiber:</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>SSH</source>
        <translation>SSH</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>TCP (unencrypted)</source>
        <translation>TCP (unverschlüsselt)</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>Tr&amp;ansport:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>host name or address</source>
        <translation>Hostname oder Adresse</translation>
    </message>
    <message>
        <source>H&amp;ost:</source>
        <translation>H&amp;ost:</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation>Po&amp;rt:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose a directory</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>SSH &amp;key file:</source>
        <translation>SSH-&amp;Schlüsseldatei:</translation>
    </message>
    <message>
        <source>&amp;PKI directory:</source>
        <translation>&amp;PKI-Ordner:</translation>
    </message>
    <message>
        <source>Do not verify the server certificate</source>
        <translation>Serverzertifikat nicht prüfen</translation>
    </message>
    <message>
        <source>default socket</source>
        <translation>Standard-Socket</translation>
    </message>
    <message>
        <source>&amp;Socket:</source>
        <translation>&amp;Socket:</translation>
    </message>
    <message>
        <source>Enter the URI &amp;directly</source>
        <translation>URI &amp;direkt eingeben</translation>
    </message>
    <message>
        <source>UR&amp;I:</source>
        <translation>UR&amp;I:</translation>
    </message>
    <message>
        <source>Generated URI:</source>
        <translation>Erzeugte URI:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Connect at start</source>
        <translation>Beim Start &amp;verbinden</translation>
    </message>
    <message>
        <source>Remember &amp;passwords in the keyring</source>
        <translation>&amp;Passwörter im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Enter the host to connect to.</source>
        <translation>Geben Sie den Host ein, mit dem verbunden werden soll.</translation>
    </message>
    <message>
        <source>Enter the driver name.</source>
        <translation>Geben Sie den Treibernamen ein.</translation>
    </message>
</context>
<context>
    <name>verx::manager::AuthDialog</name>
    <message>
        <source>Unknown Host Key</source>
        <translation>Unbekannter Host-Schlüssel</translation>
    </message>
    <message>
        <source>Authentication Required</source>
        <translation>Anmeldung erforderlich</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Accept this host key and connect?</source>
        <translation>Diesen Host-Schlüssel akzeptieren und verbinden?</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Akzeptieren</translation>
    </message>
    <message>
        <source>&amp;Remember in the keyring</source>
        <translation>Im Schlüsselbund &amp;speichern</translation>
    </message>
</context>
<context>
    <name>verx::manager::ConnectionTreeModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>verx::manager::ConsolePage</name>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Take over from another client</source>
        <translation>Von anderem Client &amp;übernehmen</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Console closed: %1</source>
        <translation>Konsole geschlossen: %1</translation>
    </message>
    <message>
        <source>the console ended</source>
        <translation>die Konsole wurde beendet</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Connected. Keys go to the guest; copy and paste with Ctrl+Shift+C and Ctrl+Shift+V.</source>
        <translation>Verbunden. Tasten gehen an den Gast; Kopieren und Einfügen mit Strg+Umschalt+C und Strg+Umschalt+V.</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation>&amp;Neu verbinden</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
</context>
<context>
    <name>verx::manager::DeleteDomainsDialog</name>
    <message>
        <source>Delete Domains</source>
        <translation>Domänen löschen</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the definition of %n domain(s)?</source>
        <translation>
            <numerusform>Die Definition von %n Domäne löschen?</numerusform>
            <numerusform>Die Definition von %n Domänen löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Also remove the &amp;managed save image</source>
        <translation>Auch das &amp;verwaltete Sicherungsabbild entfernen</translation>
    </message>
    <message>
        <source>Also remove &amp;snapshot metadata</source>
        <translation>Auch &amp;Snapshot-Metadaten entfernen</translation>
    </message>
    <message>
        <source>Also remove the &amp;NVRAM file</source>
        <translation>Auch die &amp;NVRAM-Datei entfernen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
</context>
<context>
    <name>verx::manager::DiffDialog</name>
    <message>
        <source>These changes will be applied:</source>
        <translation>Diese Änderungen werden angewendet:</translation>
    </message>
</context>
<context>
    <name>verx::manager::DomainDetailsPage</name>
    <message>
        <source>&amp;XML</source>
        <translation>&amp;XML</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>&amp;Konsole</translation>
    </message>
    <message>
        <source>&amp;Screenshot</source>
        <translation>&amp;Bildschirmfoto</translation>
    </message>
</context>
<context>
    <name>verx::manager::DomainTableModel</name>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (ID %2)</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>vCPUs</source>
        <translation>vCPUs</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory use</source>
        <translation>Speichernutzung</translation>
    </message>
    <message>
        <source>Autostart</source>
        <translation>Autostart</translation>
    </message>
    <message>
        <source>Persistent</source>
        <translation>Dauerhaft</translation>
    </message>
</context>
<context>
    <name>verx::manager::DomainXmlPage</name>
    <message>
        <source>&amp;Apply…</source>
        <translation>&amp;Anwenden …</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Weitersuchen</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>Rückwärts suchen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Cannot read the XML: %1</source>
        <translation>Das XML kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>on the host</source>
        <translation>auf dem Host</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>Nothing to apply: the XML is unchanged.</source>
        <translation>Nichts anzuwenden: Das XML ist unverändert.</translation>
    </message>
    <message>
        <source>Apply XML Changes</source>
        <translation>XML-Änderungen anwenden</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Nicht angewendet: %1</translation>
    </message>
    <message>
        <source>Not applied (line %1): %2</source>
        <translation>Nicht angewendet (Zeile %1): %2</translation>
    </message>
    <message>
        <source>when you began editing</source>
        <translation>bei Beginn der Bearbeitung</translation>
    </message>
    <message>
        <source>on the host now</source>
        <translation>jetzt auf dem Host</translation>
    </message>
    <message>
        <source>The domain&apos;s XML changed on the host while you were editing. Apply shows the changes made there and lets you choose; Reload loads the host&apos;s version.</source>
        <translation>Das XML der Domäne wurde auf dem Host geändert, während Sie es bearbeitet haben. „Anwenden“ zeigt die dort gemachten Änderungen und lässt Sie wählen; „Neu laden“ lädt die Version des Hosts.</translation>
    </message>
</context>
<context>
    <name>verx::manager::HostDetailsPage</name>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>URI:</source>
        <translation>URI:</translation>
    </message>
    <message>
        <source>Host name:</source>
        <translation>Hostname:</translation>
    </message>
    <message>
        <source>Hypervisor:</source>
        <translation>Hypervisor:</translation>
    </message>
    <message>
        <source>Hypervisor version:</source>
        <translation>Hypervisor-Version:</translation>
    </message>
    <message>
        <source>libvirt version:</source>
        <translation>libvirt-Version:</translation>
    </message>
    <message>
        <source>CPU model:</source>
        <translation>CPU-Modell:</translation>
    </message>
    <message>
        <source>CPUs:</source>
        <translation>CPUs:</translation>
    </message>
    <message>
        <source>Topology:</source>
        <translation>Topologie:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <source>%1 at %2 MHz</source>
        <translation>%1 mit %2 MHz</translation>
    </message>
    <message>
        <source>%1 NUMA nodes, %2 sockets, %3 cores, %4 threads</source>
        <translation>%1 NUMA-Knoten, %2 Sockel, %3 Kerne, %4 Threads</translation>
    </message>
</context>
<context>
    <name>verx::manager::HostSession</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Waiting for credentials</source>
        <translation>Warte auf Anmeldedaten</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>Verbindung verloren: %1</translation>
    </message>
    <message>
        <source>Reconnecting (lost: %1)</source>
        <translation>Verbinde neu (verloren: %1)</translation>
    </message>
    <message>
        <source>%1: connected</source>
        <translation>%1: verbunden</translation>
    </message>
    <message>
        <source>%1: cannot follow domain events: %2</source>
        <translation>%1: Domänenereignisse können nicht verfolgt werden: %2</translation>
    </message>
    <message>
        <source>%1: disconnected</source>
        <translation>%1: getrennt</translation>
    </message>
    <message>
        <source>%1: connection lost: %2</source>
        <translation>%1: Verbindung verloren: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: cannot list domains: %2</source>
        <translation>%1: Domänen können nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>%1: statistics: %2</source>
        <translation>%1: Statistik: %2</translation>
    </message>
    <message>
        <source>%1 started</source>
        <translation>%1 gestartet</translation>
    </message>
    <message>
        <source>%1 is shutting down</source>
        <translation>%1 wird heruntergefahren</translation>
    </message>
    <message>
        <source>%1 is rebooting</source>
        <translation>%1 startet neu</translation>
    </message>
    <message>
        <source>%1 forced off</source>
        <translation>%1 hart ausgeschaltet</translation>
    </message>
    <message>
        <source>%1 paused</source>
        <translation>%1 angehalten</translation>
    </message>
    <message>
        <source>%1 resumed</source>
        <translation>%1 fortgesetzt</translation>
    </message>
    <message>
        <source>%1 saved</source>
        <translation>%1 gesichert</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 gelöscht</translation>
    </message>
</context>
<context>
    <name>verx::manager::MainWindow</name>
    <message>
        <source>verx Manager</source>
        <translation>verx-Manager</translation>
    </message>
    <message>
        <source>Filter domains by name</source>
        <translation>Domänen nach Namen filtern</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>Domänen</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;Add Connection…</source>
        <translation>Verbindung &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Remove Connection</source>
        <translation>Verbindung &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Shut &amp;Down</source>
        <translation>&amp;Herunterfahren</translation>
    </message>
    <message>
        <source>Re&amp;boot</source>
        <translation>Neu &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Force Off</source>
        <translation>Hart &amp;ausschalten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>A&amp;nhalten</translation>
    </message>
    <message>
        <source>R&amp;esume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Sichern</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>&amp;Open Details</source>
        <translation>Details ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Serial &amp;Console</source>
        <translation>Serielle &amp;Konsole</translation>
    </message>
    <message>
        <source>Screens&amp;hot</source>
        <translation>&amp;Bildschirmfoto</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Domain</source>
        <translation>D&amp;omäne</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Close &amp;Tab</source>
        <translation>&amp;Tab schließen</translation>
    </message>
</context>
<context>
    <name>verx::manager::MessageArea</name>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear the messages</source>
        <translation>Die Meldungen leeren</translation>
    </message>
    <message>
        <source>%1  %2 (×%3)</source>
        <translation>%1  %2 (×%3)</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
</context>
<context>
    <name>verx::manager::ScreenshotPage</name>
    <message>
        <source>No screenshot: %1</source>
        <translation>Kein Bildschirmfoto: %1</translation>
    </message>
    <message>
        <source>no answer from the host within %1 s</source>
        <translation>keine Antwort vom Host innerhalb von %1 s</translation>
    </message>
</context>
<context>
    <name>verx::manager::ScreenshotView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>&amp;Save as PNG…</source>
        <translation>Als PNG &amp;speichern …</translation>
    </message>
    <message>
        <source>Refresh e&amp;very</source>
        <translation>Aktualisieren a&amp;lle</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>%1 × %2 pixels, %3, %4 bytes</source>
        <translation>%1 × %2 Pixel, %3, %4 Bytes</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>unbekannter Typ</translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation>Bildschirmfoto speichern</translation>
    </message>
    <message>
        <source>screenshot.png</source>
        <translation>bildschirmfoto.png</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>%1 konnte nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>verx::manager::SearchBar</name>
    <message>
        <source>Find:</source>
        <translation>Suchen:</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>Find the previous match (Shift+F3)</source>
        <translation>Vorherigen Treffer suchen (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>Find the next match (F3)</source>
        <translation>Nächsten Treffer suchen (F3)</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
</context>
<context>
    <name>verx::manager::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Update statistics every:</source>
        <translation>Statistik a&amp;ktualisieren alle:</translation>
    </message>
    <message>
        <source>&amp;Reconnect lost connections automatically</source>
        <translation>Verlorene Verbindungen automatisch &amp;neu aufbauen</translation>
    </message>
    <message>
        <source>&amp;Screenshot auto-refresh:</source>
        <translation>&amp;Bildschirmfoto automatisch aktualisieren:</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation>&amp;Schrift:</translation>
    </message>
    <message>
        <source>Font si&amp;ze:</source>
        <translation>Schrift&amp;größe:</translation>
    </message>
    <message>
        <source>&amp;Colour scheme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Scroll&amp;back lines:</source>
        <translation>&amp;Verlaufszeilen:</translation>
    </message>
</context>
<context>
    <name>verx::manager::XmlConflictDialog</name>
    <message>
        <source>XML Changed on the Host</source>
        <translation>XML auf dem Host geändert</translation>
    </message>
    <message>
        <source>The XML of %1 changed on the host since you began editing. These are the changes made there; applying your edit would undo them.</source>
        <translation>Das XML von %1 wurde auf dem Host geändert, seit Sie mit der Bearbeitung begonnen haben. Dies sind die dort gemachten Änderungen; Ihre Bearbeitung anzuwenden würde sie rückgängig machen.</translation>
    </message>
    <message>
        <source>&amp;Apply My Edit Anyway…</source>
        <translation>Meine Bearbeitung &amp;trotzdem anwenden …</translation>
    </message>
    <message>
        <source>&amp;Discard My Edit, Load the Host&apos;s</source>
        <translation>Bearbeitung &amp;verwerfen, die des Hosts laden</translation>
    </message>
    <message>
        <source>&amp;Keep Editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
</context>
</TS>
