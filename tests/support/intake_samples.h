// UTM sample lines written for the intake's tests and benchmark, in each vendor's style
// (invented devices and serials; documentation addresses 192.0.2.0/24, 198.51.100.0/24,
// 203.0.113.0/24).
#pragma once

namespace renkei::test {

inline constexpr const char* kFortiGateIps =
    "<185>date=2026-05-01 time=10:15:02 devname=\"FGT60F-Yokohama\" devid=\"FGT60FTK21000123\" "
    "eventtime=1777598102000000000 tz=\"+0900\" logid=\"0419016384\" type=\"utm\" "
    "subtype=\"ips\" eventtype=\"signature\" level=\"alert\" vd=\"root\" severity=\"critical\" "
    "srcip=203.0.113.45 srcport=51432 srcintf=\"wan1\" dstip=192.0.2.10 dstport=445 "
    "dstintf=\"internal\" proto=6 service=\"SMB\" attack=\"MS.SMB.Server.Trans.Remote.Code.Exec\" "
    "action=\"dropped\" count=3 msg=\"applications3: MS.SMB.Server.Trans.Remote.Code.Exec\"";
inline constexpr const char* kFortiGateBotnet =
    "<185>date=2026-05-01 time=10:16:40 devname=\"FGT60F-Yokohama\" devid=\"FGT60FTK21000123\" "
    "logid=\"0419016385\" type=\"utm\" subtype=\"ips\" level=\"alert\" severity=\"high\" "
    "srcip=192.0.2.33 srcport=50011 dstip=198.51.100.77 dstport=8080 "
    "attack=\"Emotet.Botnet\" action=\"detected\"";
inline constexpr const char* kFortiGateVirus =
    "<188>date=2026-05-01 time=11:02:09 devname=\"FGT40F-Sagami\" devid=\"FGT40FTK20004567\" "
    "logid=\"0211008192\" type=\"utm\" subtype=\"virus\" eventtype=\"infected\" level=\"warning\" "
    "srcip=198.51.100.14 srcport=80 dstip=192.0.2.51 dstport=52344 "
    "virus=\"W32/Agent.XYZ!tr\" action=\"blocked\" url=\"http://198.51.100.14/invoice.zip\"";
inline constexpr const char* kPaloAltoThreat =
    "<14>May  1 10:20:33 PA-440-Sendai 1,2026/05/01 10:20:33,024101001234,THREAT,spyware,2561,"
    "2026/05/01 10:20:33,192.0.2.60,203.0.113.99,0.0.0.0,0.0.0.0,allow-outbound,,,web-browsing,"
    "vsys1,trust,untrust,ethernet1/2,ethernet1/1,default,,88123,2,53122,443,0,0,0x2000,tcp,"
    "reset-both,\"update.example.net/a,b\",\"Generic Command and Control Traffic(13235)\","
    "any,critical,client-to-server";
inline constexpr const char* kPaloAltoTraffic =
    "<14>May  1 10:21:00 PA-440-Sendai 1,2026/05/01 10:21:00,024101001234,TRAFFIC,drop,2561,"
    "2026/05/01 10:21:00,203.0.113.8,192.0.2.61,0.0.0.0,0.0.0.0,deny-rdp-inbound,,,ms-rdp,"
    "vsys1,untrust,trust,ethernet1/1,ethernet1/2,default,,0,1,61022,3389,0,0,0x0,tcp,deny";
inline constexpr const char* kCheckPointSyslog =
    "<134>1 2026-05-01T10:25:11+09:00 cp-gw-osaka CheckPoint 2417 - [action:\"Drop\"; "
    "flags:\"411908\"; ifdir:\"inbound\"; origin:\"192.0.2.130\"; product:\"IPS\"; "
    "src:\"203.0.113.21\"; dst:\"192.0.2.140\"; proto:\"6\"; s_port:\"40333\"; service:\"443\"; "
    "protection_name:\"Apache Log4j Remote Code Execution\"; severity:\"Critical\"; "
    "confidence_level:\"High\"; attack:\"Log4Shell\"]";
inline constexpr const char* kCheckPointCef =
    "<134>May  1 10:26:02 cp-gw-osaka CEF:0|Check Point|Anti-Bot|R81.20|Log|Bot communication "
    "blocked|8|act=Prevent deviceExternalId=CPGW-OSK-0042 src=192.0.2.141 dst=198.51.100.200 "
    "spt=49811 dpt=443 rt=1777598762000 cs1Label=Protection Name cs1=Trojan.Win32.Qakbot.C&C";
inline constexpr const char* kSophosIdp =
    "<30>device=\"SFW\" date=2026-05-01 time=10:30:45 timezone=\"JST\" device_name=\"XGS107\" "
    "device_id=C01001ABCD12345 log_id=020804407002 log_type=\"IDP\" log_component=\"Anomaly\" "
    "log_subtype=\"Drop\" priority=Warning idp_policy_id=1 fw_rule_id=3 user_name=\"\" "
    "signature_id=58724 signature_msg=\"SERVER-WEBAPP Struts remote code execution attempt\" "
    "classification=\"Attempted Administrator Privilege Gain\" rule_priority=1 "
    "src_ip=203.0.113.77 src_country_code=R1 dst_ip=192.0.2.30 protocol=\"TCP\" src_port=40211 "
    "dst_port=8080 platform=\"Linux\" category=\"Web\" target=\"Server\"";
inline constexpr const char* kSonicWallScan =
    "<129>id=firewall sn=0040103C1D2E time=\"2026-05-01 10:35:10 UTC\" fw=203.0.113.1 pri=1 "
    "c=32 m=82 msg=\"Possible port scan detected\" app=49175 n=1234 "
    "src=198.51.100.99:54012:X1 dst=192.0.2.40:22:X0 proto=tcp/ssh fw_action=\"drop\"";
inline constexpr const char* kGenericCef =
    "CEF:0|Example Security|Edge UTM|4.2|1002|Ransomware beacon \\| stage 2|9|"
    "src=192.0.2.70 dst=203.0.113.150 spt=51000 dpt=443 act=blocked cnt=4 "
    "deviceExternalId=EXU-9001 msg=first line\\nsecond line a\\=b "
    "filePath=C:\\\\Users\\\\share\\\\x.exe";

inline constexpr const char* kAllSamples[] = {
    kFortiGateIps,     kFortiGateBotnet, kFortiGateVirus, kPaloAltoThreat, kPaloAltoTraffic,
    kCheckPointSyslog, kCheckPointCef,   kSophosIdp,      kSonicWallScan,  kGenericCef};

}  // namespace renkei::test
